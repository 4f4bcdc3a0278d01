using RescueTracker.Data;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Status;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Transfers;

/// <summary>The default page of the API is 1000 transfers, on an app of its own holding 1001.</summary>
public class TransferDefaultLimitTests(AppFixture<WatchedChains> fixture) : IClassFixture<AppFixture<WatchedChains>>
{
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task Without_a_limit_the_newest_1000_of_1001_transfers_are_returned_and_the_oldest_is_at_offset_1000()
    {
        await _app.WriteAsync(db =>
        {
            var eth = db.Assets.Single(a => a.Symbol == "ETH").Id;
            db.Transfers.AddRange(Enumerable.Range(1, 1001).Select(n =>
                TransferList.Row(n, 1, TransferKind.Native, "", 10_000 + n, eth, TransferList.Ether, true, null)));
            return Task.CompletedTask;
        });
        var client = _app.CreateClient();

        var page = await Json.ReadAsync(await client.GetAsync("/api/transfers"));
        var rest = await Json.ReadAsync(await client.GetAsync("/api/transfers?offset=1000"));

        var blocks = page.EnumerateArray().Select(t => t.GetProperty("blockNumber").GetInt64()).ToList();
        Assert.Equal(1000, blocks.Count);
        Assert.Equal(11_001, blocks[0]);
        Assert.Equal(10_002, blocks[^1]);
        Assert.Equal([10_001L], rest.EnumerateArray().Select(t => t.GetProperty("blockNumber").GetInt64()));
    }
}
