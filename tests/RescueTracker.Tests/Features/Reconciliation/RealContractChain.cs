using System.Numerics;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// An Anvil node with published contracts in place and the app seeded on them. Two recovery
/// addresses: the seed's dev account and a recovery Safe (a Safe 1.4.1 owned by account 8, as a
/// multisig wallet would collect). A paying Safe owned by account 0 holds 20 ETH; WETH9 is an
/// asset at rate 1; a vault contract holds 4 ETH until it SELFDESTRUCTs. Pledges: Ink Foundation
/// 3 ETH from the paying Safe, Golem Foundation 5 WETH from account 1, Tydra 4 ETH from the vault.
/// Balances are taken once everything is built, so a test compares what the app counted with
/// what the recovery addresses really received.
/// </summary>
internal sealed class RealContractChain : IAsyncDisposable
{
    public const string Ink = "Ink Foundation";
    public const string Golem = "Golem Foundation";
    public const string Tydra = "Tydra";

    private readonly Dictionary<string, (BigInteger Eth, BigInteger Weth)> _before = [];

    private RealContractChain(AnvilNode node, RealContracts contracts, SafeStack stack, SafeWallet payingSafe, SafeWallet recoverySafe,
        string weth, string relay, string vault)
    {
        (Node, Contracts, Stack, PayingSafe, RecoverySafe, Weth, Relay, Vault) = (node, contracts, stack, payingSafe, recoverySafe, weth, relay, vault);
    }

    public AnvilNode Node { get; }
    public RealContracts Contracts { get; }
    public SafeStack Stack { get; }
    public SafeWallet PayingSafe { get; }
    public SafeWallet RecoverySafe { get; }
    public string Weth { get; }
    public string Relay { get; }
    public string Vault { get; }
    public TestApp App { get; private set; } = null!;

    public IReadOnlyList<string> RecoveryAddresses => [TestSeed.Recovery, RecoverySafe.Address];

    public static async Task<RealContractChain> StartAsync(AnvilFixture fixture)
    {
        var node = await AnvilNode.StartAsync(1);
        try
        {
            var contracts = fixture.RealContracts;
            var stack = await contracts.DeploySafeStackAsync(node);
            var paying = await stack.CreateSafeAsync(node, DevAccounts.Account0, 1);
            var recovery = await stack.CreateSafeAsync(node, DevAccounts.Account8, 2);
            var chain = new RealContractChain(node, contracts, stack, paying, recovery,
                await contracts.DeployWethAsync(node), await contracts.DeployRelayAsync(node),
                await contracts.DeploySelfDestructorAsync(node, Wei.Eth(4)));
            await node.Rpc.SendEthAsync(DevAccounts.Account0, paying.Address, Wei.Eth(20));
            await contracts.DepositWethAsync(node, chain.Weth, DevAccounts.Account1, Wei.Eth(5));
            chain.App = TestApp.OnSeed(new TestSeed().Chain(1, "Ethereum", chain.RecoveryAddresses.ToArray())
                .Asset("ETH", 1, contract: null).Asset("WETH", 1, chain.Weth)
                .Pledge(Ink, "3", "ETH", "committed", paying.Address)
                .Pledge(Golem, "5", "WETH", "committed", DevAccounts.Account1)
                .Pledge(Tydra, "4", "ETH", "proposed", chain.Vault));
            foreach (var address in chain.RecoveryAddresses)
                chain._before[address] = (await node.Rpc.GetBalanceAsync(address), await contracts.WethBalanceAsync(node, chain.Weth, address));
            return chain;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Buries the last transactions below the confirmation depth (2) and runs one poll.</summary>
    public async Task PollAsync(bool useTraces)
    {
        await Node.Rpc.MineAsync(2);
        var settings = Reconcilers.Fast(Node.RpcUrl);
        settings.UseTraces = useTraces;
        await App.Reconciler(1, settings).PollAsync(CancellationToken.None);
    }

    /// <summary>The transfers stored, as (tx, kind, position, from, to, amount) in ledger order.</summary>
    public async Task<List<(string, TransferKind, string, string, string, BigInteger)>> RowsAsync() =>
        (await App.TransfersAsync()).Select(t => (t.TxHash, t.Kind, t.Position, t.From, t.To, t.Amount)).ToList();

    /// <summary>
    /// Delivered, in the app's figures and in GET /api/summary, is exactly <paramref name="wei"/>, and so is
    /// what the chain says arrived: with traces, every wei of ETH and WETH the recovery addresses gained
    /// (eth_getBalance and balanceOf); without them, only what the fallback can see, each successful
    /// transaction's own value into a recovery address, plus WETH.
    /// </summary>
    public async Task AssertDeliveredAsync(BigInteger wei, bool useTraces)
    {
        var arrived = BigInteger.Zero;
        foreach (var address in RecoveryAddresses)
        {
            var weth = await Contracts.WethBalanceAsync(Node, Weth, address) - _before[address].Weth;
            var eth = useTraces
                ? await Node.Rpc.GetBalanceAsync(address) - _before[address].Eth
                : (await ChainTruth.NativeInflowsAsync(Node.Rpc, address)).Aggregate(BigInteger.Zero, (sum, row) => sum + row.Amount);
            arrived += eth + weth;
        }
        Assert.Equal(wei, arrived);
        Assert.Equal((BigInteger?)wei, App.Figures.DeliveredEth.ToBaseUnits(18));
        Assert.Equal(ExactDecimal.FromBaseUnits(wei, 18), ExactDecimal.Parse((await App.GetJsonAsync("/api/summary")).GetProperty("deliveredEth").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Node.DisposeAsync();
    }
}
