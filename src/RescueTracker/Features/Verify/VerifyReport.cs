using System.Numerics;
using RescueTracker.Chain;

namespace RescueTracker.Features.Verify;

/// <summary>The verb's report for people: what was compared, any notes that qualify it, and exact totals.</summary>
internal sealed class VerifyReport(LedgerSide ledger, TextWriter output)
{
    /// <summary>An exact amount with its symbol ("1.5 WETH"); an asset the ledger does not know is named by id.</summary>
    public string Amount(int assetId, BigInteger baseUnits) =>
        ledger.Assets.TryGetValue(assetId, out var asset)
            ? $"{ExactDecimal.FromBaseUnits(baseUnits, asset.Decimals)} {asset.Symbol}"
            : $"{baseUnits} base units of asset #{assetId}";

    public async Task HeaderAsync(long chainId, long from, long pinned, bool traces)
    {
        var range = pinned >= from ? $"blocks {from}..{pinned}" : $"no block yet (the scan starts at {from})";
        await output.WriteLineAsync($"Chain {chainId} ({ledger.ChainName}): {range}; pinned block {pinned}, as /api/summary shows under blocks.");
        var assets = ledger.Assets.Values.OrderBy(a => a.Id)
            .Select(a => a.Contract is null ? $"{a.Symbol} (native)" : $"{a.Symbol} ({a.Contract})");
        await output.WriteLineAsync($"Recovery addresses: {string.Join(", ", ledger.RecoveryAddresses.Select(a => a.Address))}.");
        await output.WriteLineAsync($"Assets: {string.Join(", ", assets)}.");
        if (ledger.Watch.NativeAssetId is not null && pinned >= from)
        {
            await output.WriteLineAsync(traces
                ? "Native ETH read through trace_filter: transactions' own value and internal transfers."
                : "Native ETH read block by block: the node offers no trace_filter, so internal transfers cannot be seen.");
        }
    }

    public async Task NotesAsync(bool traces, int uncheckedInternal)
    {
        if (uncheckedInternal > 0)
            await output.WriteLineAsync($"note: {uncheckedInternal} internal transfer(s) in the ledger are not checked: this node shows no internal transfers.");
        if (traces && ledger.Scan.TracesSupported == false)
            await output.WriteLineAsync("note: the ledger was read without traces, so internal transfers the chain shows are missing from it.");
        if (ledger.Scan.Halted) await output.WriteLineAsync($"note: ingestion of this chain is stopped: {ledger.Scan.LastError}");
        foreach (var address in ledger.RecoveryAddresses.Where(a => a.BackfillFrom is not null))
        {
            var to = address.BackfillTo is { } end ? $" to {end}" : "";
            await output.WriteLineAsync($"note: {address.Address} was added after the scan began and its history (from block {address.BackfillFrom}{to}) "
                                        + "is still being read: its earlier transfers show as missing until then.");
        }
    }

    public async Task TotalsAsync(long pinned, IReadOnlyList<AssetTotal> totals)
    {
        await output.WriteLineAsync($"Totals up to block {pinned}:");
        if (totals.Count == 0) await output.WriteLineAsync("  no inflows on the chain or in the ledger");
        foreach (var total in totals)
        {
            await output.WriteLineAsync($"  {Symbol(total.AssetId)}: chain {Amount(total.AssetId, total.Chain)} in {Count(total.ChainCount)} ({total.Chain} base units), "
                                        + $"ledger {Amount(total.AssetId, total.Ledger)} in {Count(total.LedgerCount)} ({total.Ledger} base units)"
                                        + (total.Agrees ? "" : " - differ"));
        }
    }

    private string Symbol(int assetId) => ledger.Assets.TryGetValue(assetId, out var asset) ? asset.Symbol : $"asset #{assetId}";

    private static string Count(int n) => n == 1 ? "1 transfer" : $"{n} transfers";
}
