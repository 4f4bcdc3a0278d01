using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// Keeps automatic attribution true to a pledge's senders and asset after an admin edits them:
/// transfers the rule no longer matches are released, unattributed ones it now matches are claimed.
/// Transfers an admin attributed by hand stay where they are.
/// </summary>
internal static class Attribution
{
    /// <returns>The ids of pledges whose received amount may have changed.</returns>
    public static async Task<HashSet<int>> ReconcileAsync(RescueDbContext db, Pledge pledge, CancellationToken ct)
    {
        var touched = new HashSet<int> { pledge.Id };
        var senders = pledge.Status == PledgeStatus.Withdrawn || pledge.AssetId is null
            ? []
            : pledge.Senders.Select(s => s.Address).ToList();

        var current = await db.Transfers.Where(t => t.PledgeId == pledge.Id && !t.AttributedByAdmin).ToListAsync(ct);
        foreach (var t in current.Where(t => t.AssetId != pledge.AssetId || !senders.Contains(t.From)))
            t.PledgeId = null;

        if (senders.Count > 0)
        {
            var claimable = await db.Transfers
                .Where(t => t.PledgeId == null && t.AssetId == pledge.AssetId && senders.Contains(t.From))
                .ToListAsync(ct);
            foreach (var t in claimable) t.PledgeId = pledge.Id;
        }
        return touched;
    }

    /// <summary>The open pledge (if any, other than <paramref name="exceptPledgeId"/>) that already names each sender for the asset.</summary>
    public static async Task<Dictionary<string, string>> ConflictingSendersAsync(
        RescueDbContext db, int assetId, IReadOnlyCollection<string> senders, int? exceptPledgeId, CancellationToken ct)
    {
        if (senders.Count == 0) return [];
        var rows = await db.PledgeSenders
            .Join(db.Pledges, s => s.PledgeId, p => p.Id, (s, p) => new { s.Address, Pledge = p })
            .Where(x => senders.Contains(x.Address) && x.Pledge.AssetId == assetId && x.Pledge.Status != PledgeStatus.Withdrawn
                        && x.Pledge.Id != exceptPledgeId)
            .Select(x => new { x.Address, x.Pledge.Id, Name = x.Pledge.Pledger!.Name })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Address).ToDictionary(g => g.Key, g => $"{g.First().Name} (pledge {g.First().Id})");
    }
}
