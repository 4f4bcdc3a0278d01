using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Figures;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>
/// A write made outside this app (as another instance on the same database makes it: its own context, its own
/// process's figures) reaches this app's figures and cached answers through the version row it stamps.
/// </summary>
public sealed class DataVersionPollTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task A_pledge_changed_by_another_instance_shows_in_the_cached_summary_within_2_seconds()
    {
        await using var app = new TestApp(new TestAppOptions { VersionPollLoop = true });
        using var client = app.CreateClient();
        var before = await PledgedAsync(client);
        Assert.Equal("43500", before);

        await using (var other = app.Database.CreateContext())
        {
            var mantle = await other.Pledges.SingleAsync(p => p.Pledger!.Name == "Mantle");
            mantle.Amount = 20_000 * Ether;
            await other.SaveChangesAsync();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await AppProcess.EventuallyAsync(
            async () => await PledgedAsync(client) == "33500",
            () => Task.FromResult($"still {before} after {clock.Elapsed}"), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50));
    }

    private static async Task<string?> PledgedAsync(HttpClient client)
    {
        using var summary = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/summary"));
        return summary.RootElement.GetProperty("pledgedEth").GetString();
    }

    [Fact]
    public async Task The_poll_refreshes_only_when_the_stamp_moved_past_the_one_the_figures_were_read_with()
    {
        // The app without its poll loop; this poll is only run by the test.
        await using var app = new TestApp();
        var poll = ActivatorUtilities.CreateInstance<DataVersionPoll>(app.Started().Services);
        Assert.False(await poll.PollOnceAsync(CancellationToken.None));

        await using (var other = app.Database.CreateContext())
        {
            var mantle = await other.Pledges.SingleAsync(p => p.Pledger!.Name == "Mantle");
            mantle.Amount = 20_000 * Ether;
            await other.SaveChangesAsync();
        }
        Assert.Equal("43500", app.Figures.PledgedEth.ToString());

        Assert.True(await poll.PollOnceAsync(CancellationToken.None));
        Assert.Equal("33500", app.Figures.PledgedEth.ToString());
        Assert.False(await poll.PollOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_poll_that_read_a_stamp_before_this_instance_refreshed_at_it_does_not_refresh_again()
    {
        await using var app = new TestApp();
        var figures = app.Started().Services.GetRequiredService<FiguresService>();
        var refreshed = 0;
        figures.Refreshed += () => Interlocked.Increment(ref refreshed);
        string? stamp;
        await using (var db = app.Database.CreateContext())
        {
            var mantle = await db.Pledges.SingleAsync(p => p.Pledger!.Name == "Mantle");
            mantle.Amount = 20_000 * Ether;
            await db.SaveChangesAsync();
            stamp = await db.DataVersions.Select(v => v.Stamp).SingleAsync();
        }

        // The stamp as a poll read it, then the write's own refresh before the poll's turn.
        await figures.RefreshAsync();
        Assert.Equal(stamp, figures.Stamp);

        Assert.False(await figures.RefreshUnlessReadAtAsync(stamp, CancellationToken.None));
        Assert.Equal(1, refreshed);
        Assert.True(await figures.RefreshUnlessReadAtAsync("an older stamp", CancellationToken.None));
        Assert.Equal(2, refreshed);
        Assert.Equal("33500", app.Figures.PledgedEth.ToString());
    }
}
