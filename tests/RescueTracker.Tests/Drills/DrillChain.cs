using System.Numerics;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// The parties of every drill on one Anvil node: two pledges (ETH from one dev account, a 6-decimal
/// token worth 0.5 ETH from another), a stranger paying each asset, and a bystander whose payments
/// are not inflows. Payments are random in kind, payer and amount, drawn from the drill's seed.
/// </summary>
internal sealed class DrillChain(AnvilNode node, TestContracts contracts, string token)
{
    public const string EthPledger = "Stani Kulechov (personal)";
    public const string TokenPledger = "Token DAO";
    public const string EthSender = DevAccounts.Account1;
    public const string TokenSender = DevAccounts.Account3;
    public const string EthStranger = DevAccounts.Account6;
    public const string TokenStranger = DevAccounts.Account7;
    public const string Bystander = DevAccounts.Account8;

    /// <summary>One whole token in base units (6 decimals, like USDC).</summary>
    public static readonly BigInteger Token = 1_000_000;

    public AnvilNode Node { get; } = node;
    public string TokenAddress { get; } = token;

    public static async Task<DrillChain> StartAsync(AnvilNode node, TestContracts contracts)
    {
        var token = await contracts.DeployTokenAsync(node, "Test Token", "TT", 6);
        foreach (var holder in new[] { TokenSender, TokenStranger })
            await contracts.MintAsync(node, token, holder, 1_000_000_000 * Token);
        return new DrillChain(node, contracts, token);
    }

    /// <summary>The seed: pledge amounts in whole units; TT counts 0.5 ETH a token.</summary>
    public TestSeed Seed(int ethPledge, int tokenPledge) => TestSeed.Mainnet()
        .Asset("TT", 1, TokenAddress, decimals: 6, ethRate: "0.5")
        .Pledge(EthPledger, ethPledge.ToString(System.Globalization.CultureInfo.InvariantCulture), "ETH", "committed", EthSender)
        .Pledge(TokenPledger, tokenPledge.ToString(System.Globalization.CultureInfo.InvariantCulture), "TT", "proposed", TokenSender);

    /// <summary>
    /// One payment, mined in its own block: ETH or TT, from a pledge's sender or a stranger, into
    /// the recovery address; one in six goes to the bystander instead. Returns the tx hash.
    /// </summary>
    public Task<string> PayAsync(Random random)
    {
        var to = random.Next(6) == 0 ? Bystander : TestSeed.Recovery;
        return random.Next(2) == 0
            ? Node.Rpc.SendEthAsync(random.Next(3) == 0 ? EthStranger : EthSender, to, Wei.Tenths(random.Next(1, 21)))
            : contracts.TransferAsync(Node, TokenAddress, random.Next(3) == 0 ? TokenStranger : TokenSender, to, Token / 2 * random.Next(1, 41));
    }
}
