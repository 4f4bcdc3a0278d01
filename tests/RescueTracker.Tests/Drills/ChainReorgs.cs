using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Drills;

/// <summary>What one reorganisation did to the node's chain.</summary>
internal sealed record ReorgOutcome(int Depth, long FirstReplaced, IReadOnlyList<string> Dropped, IReadOnlyList<string> Reincluded);

/// <summary>
/// anvil_reorg with transactions put back: the last <c>depth</c> blocks are replaced, and some of
/// their transactions are re-included, signed bytes unchanged (same hash), at random places in
/// the new blocks. Per sender only a prefix in nonce order goes back, so every nonce stays valid.
/// </summary>
internal static class ChainReorgs
{
    public static async Task<ReorgOutcome> ReorgAsync(AnvilRpc rpc, int depth, Random random)
    {
        var head = await rpc.BlockNumberAsync();
        var first = head - depth + 1;
        var replaced = new List<(string Hash, string From)>();
        for (var n = first; n <= head; n++)
        {
            var block = await rpc.RequestAsync("eth_getBlockByNumber", AnvilHex.Quantity(n), true);
            replaced.AddRange(block.GetProperty("transactions").EnumerateArray()
                .Select(tx => (tx.GetProperty("hash").GetString()!, tx.GetProperty("from").GetString()!)));
        }

        var back = new List<(string Hash, int Offset, int Order)>();
        foreach (var sender in replaced.Select((tx, order) => (tx.Hash, tx.From, Order: order)).GroupBy(tx => tx.From))
        {
            var prefix = sender.OrderBy(tx => tx.Order).Take(random.Next(sender.Count() + 1)).ToList();
            var offsets = prefix.Select(_ => random.Next(depth)).Order().ToList();
            back.AddRange(prefix.Select((tx, i) => (tx.Hash, offsets[i], tx.Order)));
        }
        var pairs = new List<object[]>();
        foreach (var (hash, offset, _) in back.OrderBy(b => b.Offset).ThenBy(b => b.Order))
            pairs.Add([(await rpc.RequestAsync("eth_getRawTransactionByHash", hash)).GetString()!, offset]);

        await rpc.RequestAsync("anvil_reorg", depth, pairs);
        var reincluded = back.Select(b => b.Hash).ToList();
        foreach (var hash in reincluded) await rpc.WaitForReceiptAsync(hash);
        return new ReorgOutcome(depth, first, replaced.Select(tx => tx.Hash).Except(reincluded).ToList(), reincluded);
    }
}
