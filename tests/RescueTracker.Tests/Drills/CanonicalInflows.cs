using System.Globalization;
using System.Numerics;
using System.Text.Json;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Drills;

/// <summary>One inflow as the node shows it, keyed the way the ledger keys transfers.</summary>
internal sealed record Inflow(string TxHash, TransferKind Kind, string Position, long Block, string BlockHash, string From, BigInteger Amount)
{
    public (string TxHash, TransferKind Kind, string Position) Key => (TxHash, Kind, Position);
}

/// <summary>
/// The test's own reading of the canonical chain through plain JSON-RPC: every successful
/// transaction paying ETH to the recovery address and every Transfer log of the token naming it,
/// read from blocks and receipts (not the logs and traces the reconciler asks for). Blocks are
/// cached by hash: a refresh walks back from the head until a block is unchanged, and since
/// each block names its parent, everything below it is unchanged too.
/// </summary>
internal sealed class CanonicalInflows(AnvilRpc rpc, string recovery, string token)
{
    private static readonly BigInteger TokenToWei = BigInteger.Pow(10, 12) / 2;

    private readonly Dictionary<long, (string Hash, List<Inflow> Inflows)> _blocks = [];
    private readonly string _recovery = recovery.ToLowerInvariant();
    private readonly string _token = token.ToLowerInvariant();
    private readonly string _recoveryTopic = Abi.AddressTopic(recovery).ToLowerInvariant();

    public long Head { get; private set; } = -1;

    public IEnumerable<Inflow> All => _blocks.OrderBy(b => b.Key).SelectMany(b => b.Value.Inflows);

    public IEnumerable<Inflow> Confirmed(int confirmations) => All.Where(i => i.Block <= Head - confirmations);

    public string? HashOf(long block) => _blocks.TryGetValue(block, out var b) ? b.Hash : null;

    public async Task RefreshAsync()
    {
        var head = await rpc.BlockNumberAsync();
        foreach (var gone in _blocks.Keys.Where(n => n > head).ToList()) _blocks.Remove(gone);
        // Blocks are asked for in parallel batches, growing from a reorg's size to a long chain's.
        for (var (top, batch) = (head, 8L); top >= 0; top -= batch, batch = Math.Min(batch * 2, 64))
        {
            var numbers = Enumerable.Range(0, (int)Math.Min(batch, top + 1)).Select(i => top - i).ToList();
            var blocks = await Task.WhenAll(numbers.Select(n => rpc.RequestAsync("eth_getBlockByNumber", AnvilHex.Quantity(n), true)));
            for (var i = 0; i < numbers.Count; i++)
            {
                var hash = blocks[i].GetProperty("hash").GetString()!;
                if (_blocks.TryGetValue(numbers[i], out var cached) && cached.Hash == hash)
                {
                    Head = head;
                    return;
                }
                _blocks[numbers[i]] = (hash, await InflowsAsync(numbers[i], hash, blocks[i]));
            }
        }
        Head = head;
    }

    /// <summary>ETH-equivalent of the inflows as the API prints it: wei plus TT at 0.5 ETH, trailing zeros dropped.</summary>
    public static string EthEquivalent(IEnumerable<Inflow> inflows)
    {
        var wei = inflows.Aggregate(BigInteger.Zero, (sum, i) => sum + (i.Kind == TransferKind.Erc20 ? i.Amount * TokenToWei : i.Amount));
        var whole = BigInteger.DivRem(wei, BigInteger.Pow(10, 18), out var fraction);
        var digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        return digits.Length == 0 ? whole.ToString(CultureInfo.InvariantCulture) : $"{whole}.{digits}";
    }

    private async Task<List<Inflow>> InflowsAsync(long number, string blockHash, JsonElement block)
    {
        var inflows = new List<Inflow>();
        foreach (var tx in block.GetProperty("transactions").EnumerateArray())
        {
            if (tx.GetProperty("to").GetString()?.ToLowerInvariant() is not { } to || (to != _recovery && to != _token)) continue;
            var hash = tx.GetProperty("hash").GetString()!;
            var receipt = await rpc.WaitForReceiptAsync(hash);
            if (receipt.GetProperty("status").GetString() != "0x1" || receipt.GetProperty("blockHash").GetString() != blockHash) continue;
            var value = AnvilHex.ParseQuantity(tx.GetProperty("value").GetString()!);
            if (to == _recovery && !value.IsZero)
                inflows.Add(new Inflow(hash, TransferKind.Native, "", number, blockHash, tx.GetProperty("from").GetString()!.ToLowerInvariant(), value));
            foreach (var log in receipt.GetProperty("logs").EnumerateArray())
            {
                var topics = log.GetProperty("topics");
                if (log.GetProperty("address").GetString()!.ToLowerInvariant() != _token || topics.GetArrayLength() != 3
                    || topics[0].GetString() != TestContracts.TransferTopic || topics[2].GetString()!.ToLowerInvariant() != _recoveryTopic)
                    continue;
                var amount = AnvilHex.ParseQuantity(log.GetProperty("data").GetString()!);
                if (amount.IsZero) continue;
                inflows.Add(new Inflow(hash, TransferKind.Erc20,
                    AnvilHex.ParseLong(log.GetProperty("logIndex").GetString()!).ToString(CultureInfo.InvariantCulture),
                    number, blockHash, "0x" + topics[1].GetString()![^40..], amount));
            }
        }
        return inflows;
    }
}
