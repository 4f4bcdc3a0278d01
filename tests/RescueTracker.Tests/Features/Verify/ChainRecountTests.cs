using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Verify;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Verify;

/// <summary>
/// The recount's two ways of reading native ETH on the same Anvil chain: through trace_filter, and block by
/// block for a node without traces, which sees the same transactions' own value and no internal transfer.
/// Small ranges make the reads go in many pieces, as on a wide chain.
/// </summary>
[Trait("Category", "Anvil")]
public sealed class ChainRecountTests(VerifiedLedger chain) : IClassFixture<VerifiedLedger>
{
    [Fact]
    public async Task Block_by_block_the_recount_finds_the_same_top_level_sends_as_through_traces_and_no_internal_transfer()
    {
        using var http = new HttpClient();
        var recount = new ChainRecount(new Web3(new RpcClient(new Uri(chain.Node.RpcUrl), http)), maxRange: 3);
        var watch = new ChainWatch(1, [EthAddress.Parse(TestSeed.Recovery.ToLowerInvariant()), EthAddress.Parse(chain.RecoverySafe)],
            new Dictionary<EthAddress, int> { [EthAddress.Parse(chain.Weth)] = 2 }, NativeAssetId: 1);

        var traced = await recount.NativeInflowsByTracesAsync(watch, 1, 0, chain.PinnedBlock, CancellationToken.None);
        var byBlocks = await recount.NativeInflowsByBlocksAsync(watch, 1, 0, chain.PinnedBlock, CancellationToken.None);
        var tokens = await recount.TokenInflowsAsync(watch, 0, chain.PinnedBlock, CancellationToken.None);

        Assert.Equal([(chain.Plain, TransferKind.Native), (chain.SafePayment, TransferKind.Internal)],
            traced.Select(i => (i.TxHash.ToString(), i.Kind)).OrderBy(i => i.Kind));
        Assert.Equal(traced.Where(i => i.Kind == TransferKind.Native), byBlocks);
        Assert.Equal((chain.Wrapped, "0", 2, Reconciliation.Wei.Eth(5)), Assert.Single(tokens) is var t ? (t.TxHash.ToString(), t.Position, t.AssetId, t.Amount) : default);
        Assert.True(await recount.HasTracesAsync(chain.PinnedBlock, watch.RecoveryAddresses));
    }
}
