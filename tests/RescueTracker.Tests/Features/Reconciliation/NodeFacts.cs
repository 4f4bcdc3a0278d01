using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>Where the node put a transaction, read from its receipt.</summary>
internal static class NodeFacts
{
    public static async Task<(long Number, string Hash)> BlockOfAsync(this AnvilNode node, string txHash)
    {
        var receipt = await node.Rpc.WaitForReceiptAsync(txHash);
        return (AnvilHex.ParseLong(receipt.GetProperty("blockNumber").GetString()!), receipt.GetProperty("blockHash").GetString()!);
    }

    public static async Task<string> BlockHashAsync(this AnvilNode node, long number) =>
        (await node.Rpc.GetBlockAsync(number))!.Value.GetProperty("hash").GetString()!;
}
