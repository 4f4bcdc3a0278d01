using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Status;

/// <summary>The recovery addresses of one chain: the first <see cref="RecoveryAddressQuery.Shown"/> by when they were added, and how many in all.</summary>
public sealed record ChainAddresses(long ChainId, string Name, IReadOnlyList<string> Addresses, int Total);

/// <summary>Every chain in the data with its recovery addresses, for the public status page.</summary>
public sealed class RecoveryAddressQuery(IDbContextFactory<RescueDbContext> dbFactory)
{
    /// <summary>A public page lists at most this many per chain.</summary>
    public const int Shown = 50;

    public async Task<IReadOnlyList<ChainAddresses>> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chains = await db.Chains.AsNoTracking().OrderBy(c => c.ChainId)
            .Select(c => new { c.ChainId, c.Name, Total = c.RecoveryAddresses.Count })
            .ToListAsync(ct);
        var result = new List<ChainAddresses>(chains.Count);
        foreach (var chain in chains)
        {
            var addresses = chain.Total == 0
                ? []
                : await db.RecoveryAddresses.AsNoTracking().Where(a => a.ChainId == chain.ChainId)
                    .OrderBy(a => a.Id).Take(Shown).Select(a => a.Address).ToListAsync(ct);
            result.Add(new ChainAddresses(chain.ChainId, chain.Name, addresses, chain.Total));
        }
        return result;
    }
}
