using System.Net;
using System.Text.Json;
using RescueTracker.Data;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Status;

/// <summary>GET /api/status with scan state written directly: exact lag, progress and confirmed block.</summary>
public class StatusApiTests(AppFixture<WatchedChains> fixture) : IClassFixture<AppFixture<WatchedChains>>
{
    private readonly TestApp _app = fixture.App;

    private static readonly string[] Fields =
    [
        "backfills", "chainId", "chainIdVerified", "configured", "confirmations", "halted", "headBlock", "lagBlocks", "lastConfirmedBlock",
        "lastError", "lastErrorAt", "lastPolledAt", "lastScannedBlock", "name", "progressPercent", "reconciler", "reorgWindow", "tracesSupported",
    ];

    private static readonly DateTimeOffset PolledAt = new(2026, 4, 26, 8, 30, 0, TimeSpan.Zero);

    private async Task<JsonElement> ChainAsync(long chainId)
    {
        var response = await _app.CreateClient().GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chains = await Json.ReadAsync(response);
        return chains.EnumerateArray().Single(c => c.GetProperty("chainId").GetInt64() == chainId);
    }

    [Fact]
    public async Task Status_lists_the_chains_in_the_data_and_the_configured_chain_ids_in_id_order_with_exactly_the_documented_fields()
    {
        await _app.ClearScanStatesAsync();

        var chains = await Json.ReadAsync(await _app.CreateClient().GetAsync("/api/status"));

        Assert.Equal([1L, 10L, 42161L], chains.EnumerateArray().Select(c => c.GetProperty("chainId").GetInt64()));
        Assert.Equal(["Ethereum", null, "Arbitrum One"], chains.EnumerateArray().Select(c => c.Str("name")));
        Assert.Equal([true, true, false], chains.EnumerateArray().Select(c => c.GetProperty("configured").GetBoolean()));
        Assert.All(chains.EnumerateArray(), c => Assert.Equal(Fields, c.FieldNames()));
    }

    [Fact]
    public async Task Chain_catching_up_reports_exact_lag_progress_and_last_confirmed_block()
    {
        await _app.SetScanStateAsync(new ChainScanState
        {
            ChainId = 1, StartBlock = 1001, LastScannedBlock = 1425, HeadBlock = 2000, ChainIdVerified = true, TracesSupported = true,
            LastPolledAt = PolledAt, LastError = "HTTP 429 from the node", LastErrorAt = PolledAt.AddMinutes(-5),
        });

        var chain = await ChainAsync(1);

        Assert.True(chain.GetProperty("configured").GetBoolean());
        Assert.True(chain.GetProperty("chainIdVerified").GetBoolean());
        Assert.Equal(2000, chain.GetProperty("headBlock").GetInt64());
        Assert.Equal(1425, chain.GetProperty("lastScannedBlock").GetInt64());
        Assert.Equal(1425, chain.GetProperty("lastConfirmedBlock").GetInt64());
        Assert.Equal(575, chain.GetProperty("lagBlocks").GetInt64());
        Assert.Equal("42.5", chain.Str("progressPercent"));
        Assert.True(chain.GetProperty("tracesSupported").GetBoolean());
        Assert.False(chain.GetProperty("halted").GetBoolean());
        Assert.Equal("HTTP 429 from the node", chain.Str("lastError"));
        Assert.Equal("2026-04-26T08:25:00Z", chain.Str("lastErrorAt"));
        Assert.Equal("2026-04-26T08:30:00Z", chain.Str("lastPolledAt"));
        Assert.Equal(12, chain.GetProperty("confirmations").GetInt32());
        Assert.Equal(64, chain.GetProperty("reorgWindow").GetInt32());
    }

    [Fact]
    public async Task Caught_up_chain_is_at_100_percent_with_its_confirmed_block_the_confirmation_depth_below_the_head()
    {
        await _app.SetScanStateAsync(new ChainScanState
        {
            ChainId = 1, StartBlock = 1001, LastScannedBlock = 2000, HeadBlock = 2000, ChainIdVerified = true, TracesSupported = false,
        });

        var chain = await ChainAsync(1);

        Assert.Equal(1988, chain.GetProperty("lastConfirmedBlock").GetInt64());
        Assert.Equal(0, chain.GetProperty("lagBlocks").GetInt64());
        Assert.Equal("100", chain.Str("progressPercent"));
        Assert.False(chain.GetProperty("tracesSupported").GetBoolean());
        Assert.Equal(JsonValueKind.Null, chain.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task Progress_is_rounded_down_and_the_confirmed_block_never_falls_below_the_block_before_the_start()
    {
        // 6 of 11 blocks is 54.5454...%; the newest confirmed block (1988) is before the start, so nothing is confirmed yet.
        await _app.SetScanStateAsync(new ChainScanState { ChainId = 1, StartBlock = 1990, LastScannedBlock = 1995, HeadBlock = 2000 });

        var chain = await ChainAsync(1);

        Assert.Equal("54.54", chain.Str("progressPercent"));
        Assert.Equal(1989, chain.GetProperty("lastConfirmedBlock").GetInt64());
        Assert.Equal(5, chain.GetProperty("lagBlocks").GetInt64());
    }

    [Fact]
    public async Task Head_that_went_backwards_is_no_negative_lag()
    {
        await _app.SetScanStateAsync(new ChainScanState { ChainId = 1, StartBlock = 0, LastScannedBlock = 2005, HeadBlock = 2000 });

        var chain = await ChainAsync(1);

        Assert.Equal(0, chain.GetProperty("lagBlocks").GetInt64());
        Assert.Equal("100", chain.Str("progressPercent"));
        Assert.Equal(1988, chain.GetProperty("lastConfirmedBlock").GetInt64());
    }

    [Fact]
    public async Task Configured_chain_not_yet_polled_has_unknown_head_progress_and_traces()
    {
        await _app.ClearScanStatesAsync();

        var chain = await ChainAsync(1);

        Assert.True(chain.GetProperty("configured").GetBoolean());
        Assert.False(chain.GetProperty("chainIdVerified").GetBoolean());
        foreach (var field in new[] { "headBlock", "lastConfirmedBlock", "lastScannedBlock", "lagBlocks", "progressPercent", "tracesSupported", "lastPolledAt" })
            Assert.Equal(JsonValueKind.Null, chain.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Halted_chain_says_so()
    {
        await _app.SetScanStateAsync(new ChainScanState
        {
            ChainId = 1, StartBlock = 0, LastScannedBlock = 1500, HeadBlock = 2000, ChainIdVerified = true, Halted = true,
            LastError = "Reorg deeper than the window of 64 blocks", LastErrorAt = PolledAt,
        });

        var chain = await ChainAsync(1);

        Assert.True(chain.GetProperty("halted").GetBoolean());
        Assert.Equal("Reorg deeper than the window of 64 blocks", chain.Str("lastError"));
    }

    [Fact]
    public async Task Chain_without_an_rpc_url_is_not_configured_and_the_rest_of_the_api_still_answers()
    {
        var chain = await ChainAsync(42161);

        Assert.Equal("Arbitrum One", chain.Str("name"));
        Assert.False(chain.GetProperty("configured").GetBoolean());
        Assert.False(chain.GetProperty("chainIdVerified").GetBoolean());
        Assert.False(chain.GetProperty("halted").GetBoolean());
        foreach (var field in new[] { "headBlock", "progressPercent", "tracesSupported", "confirmations", "reorgWindow", "lastError" })
            Assert.Equal(JsonValueKind.Null, chain.GetProperty(field).ValueKind);

        var client = _app.CreateClient();
        Assert.Equal("68900", (await Json.ReadAsync(await client.GetAsync("/api/summary"))).Str("shortfallEth"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/transfers?chainId=42161")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
