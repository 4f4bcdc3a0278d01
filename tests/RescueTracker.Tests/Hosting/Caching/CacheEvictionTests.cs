using System.Net;
using System.Text.Json;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting.Caching;

/// <summary>A change through the app's own write paths empties the public cache: the next answer is rendered from the new state.</summary>
public class CacheEvictionTests
{
    [Fact]
    public async Task An_admin_write_evicts_the_cached_summary_dashboard_and_pledge_list()
    {
        await using var app = new TestApp();
        using var anonymous = app.CreateClient();
        var paths = new[] { "/api/summary", "/", "/pledges", "/api/pledges" };
        var before = new Dictionary<string, HttpResponseMessage>();
        foreach (var path in paths)
        {
            await HttpAnswers.GetAsync(anonymous, path, "br");
            before[path] = await HttpAnswers.GetAsync(anonymous, path, "br");
            Assert.NotNull(before[path].Headers.Age);
        }

        using var editor = await app.EditorClientAsync();
        var created = await editor.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Aave DAO", "1000", "ETH", "committed")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        foreach (var path in paths)
        {
            var after = await HttpAnswers.GetAsync(anonymous, path, "br", ifNoneMatch: before[path].Headers.ETag!.Tag);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Null(after.Headers.Age);
            Assert.NotEqual(before[path].Headers.ETag, after.Headers.ETag);
            Assert.Contains(path.StartsWith("/api/summary", StringComparison.Ordinal) ? "7000" : "Aave DAO",
                System.Text.Encoding.UTF8.GetString(await HttpAnswers.DecodedAsync(after)));
        }
        var summary = JsonDocument.Parse(await HttpAnswers.DecodedAsync(await HttpAnswers.GetAsync(anonymous, "/api/summary", "br"))).RootElement;
        Assert.Equal(("7000", "24400"), (summary.GetProperty("outstandingCommittedEth").GetString(), summary.GetProperty("uncoveredIfAllArriveEth").GetString()));
    }

    [Fact]
    public async Task A_status_change_evicts_the_cached_pledge_page_and_its_answer()
    {
        await using var app = new TestApp();
        using var anonymous = app.CreateClient();
        await HttpAnswers.GetAsync(anonymous, "/pledges/1");
        await HttpAnswers.GetAsync(anonymous, "/api/pledges/1");
        Assert.NotNull((await HttpAnswers.GetAsync(anonymous, "/pledges/1")).Headers.Age);

        using var editor = await app.EditorClientAsync();
        var changed = await editor.PostAsync("/api/admin/pledges/1/status", AdminApi.JsonBody(Bodies.Status("committed")));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var page = await HttpAnswers.GetAsync(anonymous, "/pledges/1");
        var answer = await HttpAnswers.GetAsync(anonymous, "/api/pledges/1");
        Assert.Null(page.Headers.Age);
        Assert.Contains("The DAO vote passed.", await page.Content.ReadAsStringAsync());
        Assert.Equal("committed", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_ingested_range_evicts_the_cached_figures_transfers_and_pledge_page()
    {
        const string Stani = "Stani Kulechov (personal)";
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Pledge(Stani, "5", "ETH", "committed", DevAccounts.Account1));
        var pledge = await app.PledgeAsync(Stani);
        using var anonymous = app.CreateClient();
        var paths = new[] { "/api/summary", "/transfers", $"/pledges/{pledge.Id}", "/api/transfers" };
        foreach (var path in paths)
        {
            await HttpAnswers.GetAsync(anonymous, path, "gzip");
            Assert.NotNull((await HttpAnswers.GetAsync(anonymous, path, "gzip")).Headers.Age);
        }

        var sent = await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(2));
        await node.Rpc.MineAsync(2);
        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);

        foreach (var path in paths)
        {
            var after = await HttpAnswers.GetAsync(anonymous, path, "gzip");
            Assert.Null(after.Headers.Age);
            var body = System.Text.Encoding.UTF8.GetString(await HttpAnswers.DecodedAsync(after));
            Assert.Contains(path == "/api/summary" ? "\"deliveredEth\":\"2\"" : path.StartsWith("/pledges", StringComparison.Ordinal) ? "partially delivered 2 of 5 ETH" : sent, body);
        }
    }
}
