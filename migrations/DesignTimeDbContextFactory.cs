using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RescueTracker.Data;

namespace RescueTracker.Migrations;

/// <summary>
/// The context dotnet-ef works with: the app's own provider configuration (and so its migrations assembly), on a
/// database that exists only while the command runs. <c>migrations add</c> and <c>has-pending-model-changes</c>
/// need no database at all; <c>migrations list</c> then shows every migration as pending, unless
/// <c>--connection</c> names a real one. The provider comes after <c>--</c>: <c>-- --provider Sqlite</c> (the default) or <c>-- --provider PostgreSQL</c>.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RescueDbContext>
{
    public RescueDbContext CreateDbContext(string[] args)
    {
        var provider = ProviderArgument(args) ?? "Sqlite";
        var options = new DbContextOptionsBuilder<RescueDbContext>();
        switch (provider.ToUpperInvariant())
        {
            case "SQLITE":
                options.UseRescueSqlite("Data Source=:memory:");
                break;
            case "POSTGRESQL":
                // Never opened by migrations add or has-pending-model-changes; --connection names a real one for list.
                options.UseRescuePostgreSql("Host=127.0.0.1;Database=rescuetracker_design");
                break;
            default:
                throw new ArgumentException($"Unknown provider '{provider}' after --provider; known: Sqlite, PostgreSQL.", nameof(args));
        }
        return new RescueDbContext(options.Options);
    }

    private static string? ProviderArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
