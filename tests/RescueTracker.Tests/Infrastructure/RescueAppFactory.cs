using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// The real app in memory on a SQLite file of its own. <see cref="SeedPath"/> null means the shipped
/// seed. xunit builds class fixtures through the single public constructor.
/// </summary>
public class RescueAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;

    public RescueAppFactory() : this(new TempSqliteFile(), seedPath: null, ownsDatabase: true)
    {
    }

    protected RescueAppFactory(TempSqliteFile database, string? seedPath, bool ownsDatabase)
    {
        Database = database;
        SeedPath = seedPath;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>An app on a database the caller owns and deletes, e.g. to start two apps on one file in turn.</summary>
    public static RescueAppFactory OnDatabase(TempSqliteFile database, string? seedPath = null) => new(database, seedPath, ownsDatabase: false);

    public TempSqliteFile Database { get; }
    public string? SeedPath { get; }
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:RescueTracker", Database.ConnectionString);
        if (SeedPath is not null) builder.UseSetting("Seed:Path", SeedPath);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) Database.Dispose();
    }
}
