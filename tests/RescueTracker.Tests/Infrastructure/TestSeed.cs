using System.Text.Json;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A seed file in the shape of seed/defi-united.json whose recovery address and pledge senders are
/// Anvil dev accounts, so payments made on a test node land on real pledges. The shortfall is the
/// shipped one (68,900 ETH); chains, assets and pledges are added per test.
/// </summary>
public sealed class TestSeed
{
    /// <summary>Every test chain's recovery wallet; no pledge ever pays from it.</summary>
    public const string Recovery = DevAccounts.Account9;

    private const string Source = "https://example.org/defi-united";

    private readonly List<object> _chains = [];
    private readonly List<object> _assets = [];
    private readonly List<Dictionary<string, object?>> _pledges = [];

    /// <summary>Chain 1 with its native ETH and the recovery address, ready for pledges.</summary>
    public static TestSeed Mainnet() => new TestSeed().Chain(1, "Ethereum").Asset("ETH", 1, contract: null);

    public TestSeed Chain(long chainId, string name, params string[] recoveryAddresses)
    {
        _chains.Add(new { chainId, name, recoveryAddresses = recoveryAddresses.Length == 0 ? [Recovery] : recoveryAddresses });
        return this;
    }

    public TestSeed Asset(string symbol, long chainId, string? contract, int decimals = 18, string ethRate = "1")
    {
        _assets.Add(new { symbol, chainId, contract, decimals, ethRate });
        return this;
    }

    /// <summary>A pledge; a committed one gets a source, as the seed rules require.</summary>
    public TestSeed Pledge(string pledger, string? amount, string? asset, string status, params string[] senders)
    {
        _pledges.Add(new()
        {
            ["pledger"] = pledger, ["amount"] = amount, ["asset"] = asset, ["status"] = status, ["terms"] = "grant", ["termsNote"] = null,
            ["governanceUrl"] = null, ["source"] = Source, ["announced"] = "2026-04-24", ["senders"] = senders,
        });
        return this;
    }

    /// <summary>Gives the pledge added last a vote deadline (YYYY-MM-DD).</summary>
    public TestSeed VoteDeadline(string day)
    {
        _pledges[^1]["voteDeadline"] = day;
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        rescue = new { name = "DeFi United", asOf = "2026-04-25", description = "Test rescue on Anvil dev accounts." },
        chains = _chains,
        assets = _assets,
        shortfall = new object[]
        {
            new { label = "ETH withdrawn by borrowing against unbacked rsETH", kind = "loss", amount = "99600", asset = "ETH", date = "2026-04-25", source = Source },
            new { label = "Frozen on Arbitrum by its Security Council", kind = "recovery", amount = "30700", asset = "ETH", date = "2026-04-25", source = Source },
        },
        pledges = _pledges,
    });
}
