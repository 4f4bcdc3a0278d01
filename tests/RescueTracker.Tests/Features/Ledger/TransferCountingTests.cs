using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Tests.Features.Ledger;

public class TransferCountingTests
{
    private static readonly Pledge EthPledge = new() { Id = 7, AssetId = 1 };

    private static Transfer Transfer(int? pledgeId, int assetId, bool confirmed) => new()
    {
        TxHash = "0x" + new string('a', 64), Position = "", BlockHash = "0x" + new string('b', 64),
        From = "0x1111111111111111111111111111111111111111", To = "0x2222222222222222222222222222222222222222",
        PledgeId = pledgeId, AssetId = assetId, Confirmed = confirmed, Amount = 1,
    };

    [Theory]
    [InlineData(7, 1, true, true)]
    [InlineData(7, 1, false, false)]
    [InlineData(7, 2, true, false)]
    [InlineData(8, 1, true, false)]
    [InlineData(null, 1, true, false)]
    public void A_transfer_counts_toward_a_pledge_only_when_confirmed_attributed_to_it_and_in_its_asset(
        int? pledgeId, int assetId, bool confirmed, bool counts) =>
        Assert.Equal(counts, Transfer(pledgeId, assetId, confirmed).CountsToward(EthPledge));
}
