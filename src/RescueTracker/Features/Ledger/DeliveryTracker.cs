using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// Moves a proposed or committed pledge to delivered once what it received reaches its amount
/// (less the asset's tolerance), and back to its previous status when a reorganisation takes the
/// received amount below that again. Call it inside the writer's transaction after its changes are
/// saved (so they are visible here) and save again before committing.
/// </summary>
public static class DeliveryTracker
{
    private const int MaxEvidenceItems = 50;

    public static async Task<int> ApplyAsync(
        RescueDbContext db, IReadOnlyCollection<int> pledgeIds, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (pledgeIds.Count == 0) return 0;
        var pledges = await db.Pledges.Include(p => p.Asset).Include(p => p.History)
            .Where(p => pledgeIds.Contains(p.Id) && p.Amount != null && p.AssetId != null && p.Status != PledgeStatus.Withdrawn)
            .ToListAsync(ct);
        var ids = pledges.Select(p => p.Id).ToList();
        var transfers = await db.Transfers.AsNoTracking()
            .Where(t => t.Confirmed && t.PledgeId != null && ids.Contains(t.PledgeId.Value))
            .ToListAsync(ct);
        var offchain = await db.OffchainDeliveries.AsNoTracking().Where(o => ids.Contains(o.PledgeId))
            .Select(o => new { o.PledgeId, o.Amount, o.EvidenceUrl }).ToListAsync(ct);

        var changed = 0;
        foreach (var pledge in pledges)
        {
            var counted = transfers.Where(t => t.CountsToward(pledge)).OrderBy(t => t.BlockNumber).ToList();
            var paidOffchain = offchain.Where(o => o.PledgeId == pledge.Id).ToList();
            var received = counted.Aggregate(BigInteger.Zero, (s, t) => s + t.Amount)
                           + paidOffchain.Aggregate(BigInteger.Zero, (s, o) => s + o.Amount);
            var asset = pledge.Asset!;
            var threshold = pledge.Amount!.Value - asset.Tolerance;
            var text = $"{Units(received, asset)} of {Units(pledge.Amount.Value, asset)} {asset.Symbol}";

            if (pledge.Status is PledgeStatus.Proposed or PledgeStatus.Committed && received >= threshold)
            {
                var evidence = counted.Select(t => t.TxHash).Distinct().Concat(paidOffchain.Select(o => o.EvidenceUrl)).Take(MaxEvidenceItems);
                Move(pledge, PledgeStatus.Delivered, $"Received {text}: paid in full.", actor, now, string.Join(' ', evidence));
                changed++;
            }
            else if (pledge.Status == PledgeStatus.Delivered && received < threshold)
            {
                var previous = pledge.History.Where(h => h.To == PledgeStatus.Delivered).OrderBy(h => h.Id)
                    .LastOrDefault()?.From ?? PledgeStatus.Committed;
                Move(pledge, previous, $"Received fell to {text}: counted transfers were removed by a chain reorganisation.", actor, now, null);
                changed++;
            }
        }
        return changed;
    }

    private static void Move(Pledge pledge, PledgeStatus to, string reason, string actor, DateTimeOffset now, string? evidence)
    {
        pledge.History.Add(new PledgeStatusChange { From = pledge.Status, To = to, At = now, Reason = reason, Actor = actor, Evidence = evidence });
        pledge.Status = to;
        pledge.Version++;
    }

    private static string Units(BigInteger baseUnits, Asset asset) => ExactDecimal.FromBaseUnits(baseUnits, asset.Decimals).ToDisplay();
}
