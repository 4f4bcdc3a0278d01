using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Pledges;

/// <summary>
/// Reads one pledge's history, senders, transfers and off-chain deliveries, and pairs them with the
/// pledge's kept figures so the page and the API show the same received amount as the dashboard.
/// Transfers are the newest <c>transferLimit</c> with the total beside them: one pledge may arrive in
/// thousands of transfers, and the transfer list pages through all of them.
/// </summary>
public sealed class PledgeDetailsQuery(IDbContextFactory<RescueDbContext> dbFactory, FiguresService figures)
{
    /// <summary>Evidence hashes shown per status change; a delivery by many transfers names them all.</summary>
    public const int EvidenceShown = 10;

    public async Task<PledgeDetails?> GetAsync(int id, int transferLimit, CancellationToken cancellationToken)
    {
        var pledgeFigures = figures.Current.Pledges.FirstOrDefault(p => p.Id == id);
        if (pledgeFigures is null) return null;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pledge = await db.Pledges.AsNoTracking()
            .Include(p => p.Asset)
            .Include(p => p.Senders)
            .Include(p => p.History)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pledge is null) return null;

        var attributed = db.Transfers.AsNoTracking().Where(t => t.PledgeId == id);
        var transfersTotal = await attributed.CountAsync(cancellationToken);
        var transfers = await attributed
            .Include(t => t.Asset)
            .OrderByDescending(t => t.BlockNumber).ThenByDescending(t => t.Id)
            .Take(transferLimit)
            .ToListAsync(cancellationToken);
        var chainNames = await db.Chains.AsNoTracking().ToDictionaryAsync(c => c.ChainId, c => c.Name, cancellationToken);
        var offchain = await db.OffchainDeliveries.AsNoTracking()
            .Where(o => o.PledgeId == id)
            .ToListAsync(cancellationToken);

        var history = pledge.History
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new PledgeHistoryEntry(h.From, h.To, h.At, h.Reason, h.Source, h.Actor, SplitEvidence(h.Evidence),
                h.From is null ? pledge.Announced : null))
            .ToList();

        var shownEvidence = history.SelectMany(h => h.Evidence.Take(EvidenceShown)).Where(e => e.StartsWith("0x", StringComparison.Ordinal)).Distinct().ToList();
        var evidenceChains = (await attributed.Where(t => shownEvidence.Contains(t.TxHash))
                .Select(t => new { t.TxHash, t.ChainId }).ToListAsync(cancellationToken))
            .DistinctBy(t => t.TxHash, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(t => t.TxHash, t => t.ChainId, StringComparer.OrdinalIgnoreCase);

        var transferRows = transfers
            .Select(t => new PledgeTransfer(
                t.Id, t.ChainId, chainNames.GetValueOrDefault(t.ChainId) ?? $"chain {t.ChainId}", t.TxHash, t.Kind, t.Position,
                t.BlockNumber, t.From, t.To, t.Asset?.Symbol ?? "",
                ExactDecimal.FromBaseUnits(t.Amount, t.Asset?.Decimals ?? 0),
                t.Confirmed, t.AttributedByAdmin, t.CountsToward(pledge), t.SeenAt))
            .ToList();

        var symbol = pledge.Asset?.Symbol ?? "";
        var decimals = pledge.Asset?.Decimals ?? 0;
        var offchainRows = offchain
            .OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Id)
            .Select(o => new PledgeOffchainDelivery(
                o.Id, symbol, ExactDecimal.FromBaseUnits(o.Amount, decimals), o.EvidenceUrl, o.Note, o.RecordedAt, o.RecordedBy))
            .ToList();

        var senders = pledge.Senders.Select(s => s.Address).Order(StringComparer.Ordinal).ToList();
        return new PledgeDetails(pledgeFigures, history, senders, transferRows, transfersTotal, evidenceChains, offchainRows);
    }

    private static IReadOnlyList<string> SplitEvidence(string? evidence) =>
        string.IsNullOrWhiteSpace(evidence) ? [] : evidence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
