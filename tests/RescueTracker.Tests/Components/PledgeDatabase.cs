using RescueTracker.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Discrepancies;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Pledges;

namespace RescueTracker.Tests.Components;

/// <summary>
/// A real SQLite database in memory holding a <see cref="TestLedger"/>, with the services the pledge
/// page injects (its discrepancy count included) and figures refreshed the way every write path refreshes them.
/// </summary>
internal sealed class PledgeDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private PledgeDatabase(SqliteConnection connection, ServiceProvider services)
    {
        _connection = connection;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static async Task<PledgeDatabase> CreateAsync(TestLedger ledger, ChainsOptions? chains = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContextFactory<RescueDbContext>(o => o.UseRescueSqlite(connection))
            .AddMetrics()
            .AddSingleton<RescueMetrics>()
            .AddSingleton<FiguresService>()
            .AddSingleton(TimeProvider.System)
            .AddFigureHistory()
            .AddSingleton(Options.Create(chains ?? new ChainsOptions()))
            .AddPledgePages()
            .AddDiscrepancies()
            .BuildServiceProvider();

        await using (var db = await services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
            db.Add(ledger.Rescue);
            db.Add(ledger.Ethereum);
            db.AddRange(ledger.Eth, ledger.StEth);
            db.AddRange(ledger.Shortfall);
            db.AddRange(ledger.Pledges);
            db.AddRange(ledger.Transfers);
            db.AddRange(ledger.Offchain);
            await db.SaveChangesAsync();
        }
        await services.GetRequiredService<FiguresService>().RefreshAsync();
        return new PledgeDatabase(connection, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
