using System.Numerics;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Faults;

/// <summary>
/// One Anvil node per test class holding a fixed history: 30 TestToken transfers, 5 ETH sends and
/// one internal ETH transfer (paid on by a contract) into the recovery address, from pledge senders and strangers, spread over about 50 blocks with
/// empty blocks and unrelated transfers between them. The tests only read it, so they share it.
/// <see cref="Truth"/> is read from the node directly, not through the code under test.
/// </summary>
public sealed class FaultChain : IAsyncLifetime
{
    public const string Recovery = DevAccounts.Account1;
    public const string AlphaSender1 = DevAccounts.Account2;
    public const string AlphaSender2 = DevAccounts.Account3;
    public const string BetaSender = DevAccounts.Account4;
    public const string GammaSender = DevAccounts.Account5;
    public const string UnknownTokenSender = DevAccounts.Account6;
    public const string UnknownEthSender = DevAccounts.Account7;
    public const string Bystander = DevAccounts.Account8;
    public const string Treasury = DevAccounts.Account9;

    /// <summary>TestToken has 6 decimals, like USDC.</summary>
    public static readonly BigInteger Token = 1_000_000;
    public static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private AnvilNode? _node;

    public AnvilNode Node => _node ?? throw new InvalidOperationException("Fixture not initialised.");
    public string TokenAddress { get; private set; } = "";
    public long Head { get; private set; }

    /// <summary>Every transfer into the recovery address: (tx hash, kind, position) as the ledger keys it.</summary>
    public IReadOnlySet<(string TxHash, TransferKind Kind, string Position)> Truth { get; private set; } = new HashSet<(string, TransferKind, string)>();

    /// <summary>Block of each transfer in <see cref="Truth"/>.</summary>
    public IReadOnlyDictionary<(string TxHash, TransferKind Kind, string Position), long> Blocks { get; private set; } = new Dictionary<(string, TransferKind, string), long>();

    public async Task InitializeAsync()
    {
        var contracts = await TestContracts.LoadAsync();
        _node = await AnvilNode.StartAsync(chainId: 1);
        TokenAddress = await contracts.DeployTokenAsync(Node, "Test Token", "TT", 6);
        foreach (var holder in new[] { AlphaSender1, AlphaSender2, GammaSender, UnknownTokenSender })
            await contracts.MintAsync(Node, TokenAddress, holder, 100 * Token);

        // Round robin, so that every block range holds a mix of senders.
        var tokenSends = new List<(string From, BigInteger Amount)>();
        for (var i = 0; i < 8; i++)
        {
            tokenSends.Add((AlphaSender1, 5 * Token));
            tokenSends.Add((AlphaSender2, 5 * Token));
            if (i < 6) tokenSends.Add((GammaSender, 10 * Token));
            tokenSends.Add((UnknownTokenSender, 3 * Token / 2));
        }
        // Five ETH sends among them: Beta DAO pays its 3 ETH in full, a stranger sends 0.25 ETH twice.
        var ethSends = new Dictionary<int, (string From, BigInteger Amount)>
        {
            [2] = (UnknownEthSender, Ether / 4), [8] = (BetaSender, Ether), [14] = (UnknownEthSender, Ether / 4),
            [20] = (BetaSender, Ether), [26] = (BetaSender, Ether),
        };
        var native = new List<string>();
        for (var i = 0; i < tokenSends.Count; i++)
        {
            await contracts.TransferAsync(Node, TokenAddress, tokenSends[i].From, Recovery, tokenSends[i].Amount);
            if (i % 5 == 4) await Node.Rpc.MineAsync();
            if (ethSends.TryGetValue(i, out var send)) native.Add(await Node.Rpc.SendEthAsync(send.From, Recovery, send.Amount));
        }
        // A treasury paying through a contract: visible only in traces.
        var forwarder = await contracts.DeployForwarderAsync(Node, Bystander);
        var viaContract = await contracts.ForwardAsync(Node, forwarder, Treasury, Recovery, Ether / 2);
        // Transfers to someone else must not be picked up.
        await contracts.TransferAsync(Node, TokenAddress, AlphaSender1, Bystander, Token);
        await Node.Rpc.SendEthAsync(UnknownEthSender, Bystander, Ether / 10);
        // Past the confirmation depth the tests use (2), so every transfer is confirmed.
        await Node.Rpc.MineAsync(3);

        Head = await Node.Rpc.BlockNumberAsync();
        await ReadTruthAsync(native, viaContract);
    }

    private async Task ReadTruthAsync(List<string> nativeSends, string viaContract)
    {
        var blocks = new Dictionary<(string, TransferKind, string), long>();
        var logs = await Node.Rpc.GetLogsAsync(0, Head, TokenAddress, TestContracts.TransferTopic, null, Abi.AddressTopic(Recovery));
        foreach (var log in logs.EnumerateArray())
        {
            var key = (log.GetProperty("transactionHash").GetString()!, TransferKind.Erc20,
                AnvilHex.ParseLong(log.GetProperty("logIndex").GetString()!).ToString(System.Globalization.CultureInfo.InvariantCulture));
            blocks[key] = AnvilHex.ParseLong(log.GetProperty("blockNumber").GetString()!);
        }
        foreach (var hash in nativeSends)
        {
            var receipt = await Node.Rpc.WaitForReceiptAsync(hash);
            blocks[(hash, TransferKind.Native, "")] = AnvilHex.ParseLong(receipt.GetProperty("blockNumber").GetString()!);
        }
        var block = AnvilHex.ParseLong((await Node.Rpc.WaitForReceiptAsync(viaContract)).GetProperty("blockNumber").GetString()!);
        var inner = (await Node.Rpc.TraceFilterAsync(block, block, Recovery)).EnumerateArray()
            .Single(t => t.GetProperty("traceAddress").GetArrayLength() > 0);
        blocks[(viaContract, TransferKind.Internal, string.Join('.', inner.GetProperty("traceAddress").EnumerateArray().Select(i => i.GetInt32())))] = block;
        Blocks = blocks;
        Truth = blocks.Keys.ToHashSet();
    }

    /// <summary>A seed whose recovery address and pledge senders are the node's dev accounts.</summary>
    public string SeedJson() => $$"""
        {
          "rescue": { "name": "Fault drill", "asOf": "2026-04-25", "description": null },
          "chains": [ { "chainId": 1, "name": "Ethereum", "recoveryAddresses": ["{{Recovery}}"] } ],
          "assets": [
            { "symbol": "ETH", "chainId": 1, "contract": null, "decimals": 18, "ethRate": "1" },
            { "symbol": "TT", "chainId": 1, "contract": "{{TokenAddress}}", "decimals": 6, "ethRate": "0.5" }
          ],
          "shortfall": [
            { "label": "Drained", "kind": "loss", "amount": "1000", "asset": "ETH", "date": "2026-04-18", "source": "https://example.org/loss" }
          ],
          "pledges": [
            { "pledger": "Alpha Fund", "amount": "100", "asset": "TT", "status": "committed", "terms": "grant", "termsNote": null,
              "governanceUrl": null, "source": "https://example.org/alpha", "announced": "2026-04-20", "senders": ["{{AlphaSender1}}", "{{AlphaSender2}}"] },
            { "pledger": "Beta DAO", "amount": "3", "asset": "ETH", "status": "committed", "terms": "grant", "termsNote": null,
              "governanceUrl": null, "source": "https://example.org/beta", "announced": "2026-04-20", "senders": ["{{BetaSender}}"] },
            { "pledger": "Gamma Labs", "amount": "50", "asset": "TT", "status": "proposed", "terms": "loan", "termsNote": null,
              "governanceUrl": null, "source": null, "announced": "2026-04-21", "senders": ["{{GammaSender}}"] }
          ]
        }
        """;

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }
}
