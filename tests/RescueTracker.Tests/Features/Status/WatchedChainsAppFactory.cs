using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Status;

/// <summary>
/// The real app on the shipped seed with chain 1 configured (12 confirmations, reorg window 64, an
/// explorer), chain 42161 left unconfigured, and chain 10 configured though not in the data.
/// The reconciler loop is removed: tests write scan state and transfers themselves, so nothing
/// races them and no node is needed.
/// </summary>
public class WatchedChainsAppFactory : RescueAppFactory
{
    public WatchedChainsAppFactory() : base(new TempSqliteFile(), seedPath: null, ownsDatabase: true)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Chains:1:RpcUrl", "http://127.0.0.1:9/");
        builder.UseSetting("Chains:1:Confirmations", "12");
        builder.UseSetting("Chains:1:ReorgWindow", "64");
        builder.UseSetting("Chains:1:ExplorerUrl", "https://etherscan.io");
        builder.UseSetting("Chains:10:RpcUrl", "http://127.0.0.1:9/");
        builder.ConfigureTestServices(services =>
        {
            var loop = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ReconcilerService));
            services.Remove(loop);
        });
    }

    /// <summary>Writes through a DbContext from the app's own factory, then refreshes the kept figures as every write path does.</summary>
    public async Task WriteAsync(Func<RescueDbContext, Task> write)
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync())
        {
            await write(db);
            await db.SaveChangesAsync();
        }
        await Services.GetRequiredService<FiguresService>().RefreshAsync();
    }

    /// <summary>Replaces the scan state of one chain.</summary>
    public Task SetScanStateAsync(ChainScanState state) => WriteAsync(async db =>
    {
        await db.ChainScanStates.Where(s => s.ChainId == state.ChainId).ExecuteDeleteAsync();
        db.ChainScanStates.Add(state);
    });

    public Task ClearScanStatesAsync() => WriteAsync(db => db.ChainScanStates.ExecuteDeleteAsync());
}
