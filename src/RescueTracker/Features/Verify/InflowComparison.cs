using System.Numerics;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Verify;

/// <summary>One way the ledger and the chain disagree about one transfer.</summary>
public sealed record InflowDifference(InflowKey Key, long BlockNumber, string Text);

/// <summary>One asset's inflows as the chain shows them and as the ledger counts them.</summary>
public sealed record AssetTotal(int AssetId, BigInteger Chain, int ChainCount, BigInteger Ledger, int LedgerCount)
{
    public bool Agrees => Chain == Ledger && ChainCount == LedgerCount;
}

/// <summary>
/// The chain's inflows up to the pinned block against the ledger's confirmed transfers, matched on
/// (tx hash, kind, position). The ledger side is what the figures count: confirmed rows. A row the chain
/// confirms but the ledger still holds as pending is a difference too (the figures leave it out).
/// </summary>
public static class InflowComparison
{
    public static (List<InflowDifference> Differences, List<AssetTotal> Totals) Compare(
        IReadOnlyList<Inflow> chain, IReadOnlyList<LedgerTransfer> ledger, long pinnedBlock, Func<int, BigInteger, string> amount)
    {
        var differences = new List<InflowDifference>();
        // The ledger's unique index on (chain, tx hash, kind, position) holds one row per key.
        var stored = ledger.ToDictionary(t => t.Inflow.Key);
        var seen = chain.ToDictionary(i => i.Key);
        foreach (var onChain in chain)
        {
            if (!stored.TryGetValue(onChain.Key, out var row))
                differences.Add(new(onChain.Key, onChain.BlockNumber, $"missing from the ledger: {onChain.Key} in block {onChain.BlockNumber}, {Describe(onChain, amount)}"));
            else if (!row.Confirmed)
                differences.Add(new(onChain.Key, onChain.BlockNumber, $"pending in the ledger, confirmed on the chain: {onChain.Key} in block {onChain.BlockNumber}, {Describe(onChain, amount)}"));
            else if (Mismatches(row.Inflow, onChain, amount) is { Count: > 0 } fields)
                differences.Add(new(onChain.Key, onChain.BlockNumber, $"different: {onChain.Key}: {string.Join("; ", fields)}"));
        }
        foreach (var row in ledger.Where(t => t.Confirmed && !seen.ContainsKey(t.Inflow.Key)))
        {
            var where = row.Inflow.BlockNumber > pinnedBlock ? $" (block {row.Inflow.BlockNumber} is above the pinned block {pinnedBlock})" : "";
            differences.Add(new(row.Inflow.Key, row.Inflow.BlockNumber,
                $"in the ledger, not on the chain: {row.Inflow.Key} in block {row.Inflow.BlockNumber}, {Describe(row.Inflow, amount)}{where}"));
        }

        var confirmed = ledger.Where(t => t.Confirmed).Select(t => t.Inflow).ToList();
        var totals = chain.Select(i => i.AssetId).Concat(confirmed.Select(i => i.AssetId)).Distinct().Order()
            .Select(id => new AssetTotal(id,
                Sum(chain, id), chain.Count(i => i.AssetId == id),
                Sum(confirmed, id), confirmed.Count(i => i.AssetId == id)))
            .ToList();
        return ([.. differences.OrderBy(d => d.BlockNumber).ThenBy(d => d.Key.ToString(), StringComparer.Ordinal)], totals);
    }

    private static List<string> Mismatches(Inflow ledger, Inflow chain, Func<int, BigInteger, string> amount)
    {
        var fields = new List<string>();
        if (ledger.AssetId != chain.AssetId || ledger.Amount != chain.Amount)
            fields.Add($"amount {amount(ledger.AssetId, ledger.Amount)} in the ledger, {amount(chain.AssetId, chain.Amount)} on the chain");
        if (ledger.From != chain.From) fields.Add($"sender {ledger.From.ToLowerHex()} in the ledger, {chain.From.ToLowerHex()} on the chain");
        if (ledger.To != chain.To) fields.Add($"recipient {ledger.To.ToLowerHex()} in the ledger, {chain.To.ToLowerHex()} on the chain");
        if (ledger.BlockNumber != chain.BlockNumber || ledger.BlockHash != chain.BlockHash)
            fields.Add($"block {ledger.BlockNumber} ({ledger.BlockHash}) in the ledger, {chain.BlockNumber} ({chain.BlockHash}) on the chain");
        return fields;
    }

    private static string Describe(Inflow inflow, Func<int, BigInteger, string> amount) =>
        $"{amount(inflow.AssetId, inflow.Amount)} from {inflow.From.ToLowerHex()} to {inflow.To.ToLowerHex()}";

    private static BigInteger Sum(IEnumerable<Inflow> inflows, int assetId) =>
        inflows.Where(i => i.AssetId == assetId).Aggregate(BigInteger.Zero, (sum, i) => sum + i.Amount);
}
