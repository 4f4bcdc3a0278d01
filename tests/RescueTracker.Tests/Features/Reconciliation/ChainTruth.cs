using System.Numerics;
using System.Text.Json;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>One transfer into the recovery address, keyed the way the ledger keys it.</summary>
internal sealed record TruthRow(string TxHash, string Kind, string Position, long BlockNumber, string From, BigInteger Amount)
{
    public static TruthRow Of(Transfer t) =>
        new(t.TxHash, t.Kind.ToString().ToLowerInvariant(), t.Position, t.BlockNumber, t.From, t.Amount);
}

/// <summary>
/// What the node itself says arrived, read with plain JSON-RPC through the test's own client, so
/// the reconciler's reading code cannot vouch for itself: every successful transaction that sends
/// ETH to the address, and every Transfer log of the token naming it as recipient.
/// </summary>
internal static class ChainTruth
{
    public static async Task<List<TruthRow>> NativeInflowsAsync(AnvilRpc rpc, string to)
    {
        var head = await rpc.BlockNumberAsync();
        var rows = new List<TruthRow>();
        for (long n = 0; n <= head; n++)
        {
            var block = await rpc.RequestAsync("eth_getBlockByNumber", AnvilHex.Quantity(n), true);
            foreach (var tx in block.GetProperty("transactions").EnumerateArray())
            {
                var value = AnvilHex.ParseQuantity(tx.GetProperty("value").GetString()!);
                if (tx.GetProperty("to").ValueKind != JsonValueKind.String || tx.GetProperty("to").GetString() != to || value.IsZero) continue;
                var hash = tx.GetProperty("hash").GetString()!;
                var receipt = await rpc.WaitForReceiptAsync(hash);
                if (receipt.GetProperty("status").GetString() != "0x1") continue;
                rows.Add(new TruthRow(hash, "native", "", n, tx.GetProperty("from").GetString()!, value));
            }
        }
        return rows;
    }

    public static async Task<List<TruthRow>> TokenInflowsAsync(AnvilRpc rpc, string token, string to)
    {
        var logs = await rpc.GetLogsAsync(0, await rpc.BlockNumberAsync(), token, TestContracts.TransferTopic, null, Abi.AddressTopic(to));
        return logs.EnumerateArray().Select(log => new TruthRow(
            log.GetProperty("transactionHash").GetString()!,
            "erc20",
            AnvilHex.ParseLong(log.GetProperty("logIndex").GetString()!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            AnvilHex.ParseLong(log.GetProperty("blockNumber").GetString()!),
            "0x" + log.GetProperty("topics")[1].GetString()![^40..],
            AnvilHex.ParseQuantity(log.GetProperty("data").GetString()!))).ToList();
    }
}
