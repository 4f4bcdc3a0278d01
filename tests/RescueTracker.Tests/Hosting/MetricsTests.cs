using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting;

/// <summary>
/// /metrics on the app as its own process (the meters are process-wide: an app in this test process would also count
/// every other test app's work), polling a real Anvil node; the scrape is read as Prometheus reads it.
/// </summary>
public sealed class MetricsTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private const string Sender = DevAccounts.Account1;
    private const string TokenSender = DevAccounts.Account3;

    [Fact]
    public async Task Metrics_are_off_by_default_and_metrics_is_404()
    {
        await using var app = new TestApp();

        using var response = await app.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_scrape_after_an_ingest_and_an_admin_write_counts_exactly_what_happened()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var token = await fixture.Contracts.DeployTokenAsync(node, "Test Token", "TKN", 18);
        await fixture.Contracts.MintAsync(node, token, TokenSender, Wei.Eth(100));
        await node.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(2));
        await node.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(3));
        await fixture.Contracts.TransferAsync(node, token, TokenSender, TestSeed.Recovery, Wei.Eth(40));
        await node.Rpc.MineAsync(2);
        using var files = new AppProcess(TestSeed.Mainnet().Asset("TKN", 1, token)
            .Pledge("Stani Kulechov (personal)", "5", "ETH", "committed", Sender)
            .Pledge("Token DAO", "40", "TKN", "committed", TokenSender), node.RpcUrl);
        // One instance: the version poll (which looks for other instances' writes) would refresh once more when it
        // reads a new stamp between a write's commit and that write's own refresh; at its longest interval it first
        // polls after the test is done, so every refresh counted here is one this instance's work made.
        var environment = new Dictionary<string, string>(files.Environment)
        {
            ["Metrics__Enabled"] = "true",
            ["Figures__VersionPoll__Interval"] = "00:01:00",
        };
        await using var app = await RunningApp.StartAsync(AppProcess.BuildFolder, environment, "RescueTracker.dll");

        // Caught up: every block read, the three payments stored and the figures refreshed after them (the range's
        // refresh follows its commit); with nothing new, later polls refresh nothing.
        PrometheusText scrape = null!;
        await AppProcess.EventuallyAsync(async () =>
        {
            scrape = await ScrapeAsync(app);
            return scrape.Where("rescuetracker_ingest_lag", ("chainId", "1")).SingleOrDefault()?.Value == 0
                   && scrape.Where("rescuetracker_ingest_transfers_total", ("chainId", "1")).SingleOrDefault()?.Value == 3
                   && scrape.Where("rescuetracker_figures_refreshes_total").SingleOrDefault()?.Value >= 2;
        }, () => Task.FromResult(scrape?.Text ?? ""), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        Assert.Empty(scrape.Where("rescuetracker_rpc_errors_total"));
        Assert.Empty(scrape.Where("rescuetracker_rpc_retries_total"));
        // One at start-up, one for the poll that read the payments (a single range).
        Assert.Equal(2, scrape.Value("rescuetracker_figures_refreshes_total"));
        Assert.Equal(2, scrape.Value("rescuetracker_figures_refresh_duration_seconds_count"));

        var key = await KeyAsync(files);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var created = await client.PostAsync("/api/admin/pledges",
            new StringContent(Bodies.Pledge("Aave DAO").ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The server records a request's duration when the response has completed, which the client may see
        // first; the scrape waits for that record, then every count is exact.
        PrometheusText after = null!;
        await AppProcess.EventuallyAsync(async () =>
        {
            after = await ScrapeAsync(app);
            return after.Where("http_server_request_duration_seconds_count",
                ("http_request_method", "POST"), ("http_route", "/api/admin/pledges")).Any()
                   && after.Where("rescuetracker_figures_refreshes_total").SingleOrDefault()?.Value >= 3;
        }, () => Task.FromResult(after?.Text ?? ""), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, after.Value("rescuetracker_figures_refreshes_total"));
        Assert.Equal(3, after.Value("rescuetracker_figures_refresh_duration_seconds_count"));
        Assert.Equal(1, after.Value("http_server_request_duration_seconds_count",
            ("http_request_method", "POST"), ("http_route", "/api/admin/pledges"), ("http_response_status_code", "201")));
        Assert.Equal(3, after.Value("rescuetracker_ingest_transfers_total", ("chainId", "1")));
        Assert.Equal(0, after.Value("rescuetracker_ingest_lag", ("chainId", "1")));
    }

    private static async Task<PrometheusText> ScrapeAsync(RunningApp app)
    {
        using var response = await app.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>An editor's API key, made as an operator makes one: with the app's own command line, on its database.</summary>
    private static async Task<string> KeyAsync(AppProcess files)
    {
        var connection = files.ConnectionString;
        var email = "ops@rescue.example";
        var admin = await CliProcess.RunOnDatabaseAsync(connection, "a long enough password", "create-admin", "--email", email);
        Assert.True(admin.ExitCode == 0, admin.ToString());
        var run = await CliProcess.RunOnDatabaseAsync(connection, null, "create-api-key", "--email", email, "--name", "metrics test");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout.TrimEnd('\r', '\n').Split('\n')[^1].Trim();
    }
}
