using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger.Pages;

public sealed record PledgeRow(int Id, string Pledger, string? Amount, string? Asset, PledgeStatus Status, PledgeTerms Terms, int Version);

public sealed record PledgerRow(int Id, string Name, int Version, int Pledges);

public sealed record AssetRow(int Id, string Symbol, string Chain, string? Contract, int Decimals, string EthRate, string Tolerance, int Version);

public sealed record RateRow(string EthRate, DateTimeOffset EffectiveAt, string? Source);

public sealed record ShortfallRow(int Id, string Label, ShortfallKind Kind, string Amount, string Asset, DateOnly Date, string Source, int Version);

public sealed record ChainRow(long ChainId, string Name, IReadOnlyList<string> Addresses);

public sealed record InflowRow(long Id, string Chain, string TxHash, long Block, string From, string To, string Amount, string Asset, int AssetId, bool Confirmed);

public sealed record PledgeOption(int Id, string Label);

/// <summary>The read side of the ledger pages; each read opens and disposes its own context. Amounts are shown exact (<see cref="LedgerAmounts"/>).</summary>
internal sealed partial class LedgerQueries(IDbContextFactory<RescueDbContext> dbFactory)
{
    public async Task<List<PledgeRow>> PledgesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Pledges.AsNoTracking()
            .Select(p => new { p.Id, Pledger = p.Pledger!.Name, p.Amount, Asset = p.Asset!.Symbol, Decimals = (int?)p.Asset.Decimals, p.Status, p.Terms, p.Version })
            .ToListAsync(ct);
        return rows
            .Select(p => new PledgeRow(p.Id, p.Pledger, p.Amount is { } a && p.Decimals is { } d ? LedgerAmounts.Exact(a, d) : null, p.Asset, p.Status, p.Terms, p.Version))
            .OrderBy(p => p.Pledger, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
    }

    public async Task<List<string>> AssetSymbolsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Assets.AsNoTracking().OrderBy(a => a.Symbol).Select(a => a.Symbol).ToListAsync(ct);
    }

    public async Task<List<PledgerRow>> PledgersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Pledgers.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PledgerRow(p.Id, p.Name, p.Version, db.Pledges.Count(x => x.PledgerId == p.Id)))
            .ToListAsync(ct);
    }

    public async Task<List<AssetRow>> AssetsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Assets.AsNoTracking().OrderBy(a => a.Symbol)
            .Select(a => new { a.Id, a.Symbol, Chain = a.Chain!.Name, a.Contract, a.Decimals, a.EthRate, a.Tolerance, a.Version })
            .ToListAsync(ct);
        return rows.Select(a => new AssetRow(a.Id, a.Symbol, a.Chain, a.Contract, a.Decimals, a.EthRate,
            a.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Version)).ToList();
    }

    /// <summary>Newest first. Sorted in memory: SQLite cannot order by a DateTimeOffset column.</summary>
    public async Task<List<RateRow>> RatesAsync(int assetId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.AssetRates.AsNoTracking().Where(r => r.AssetId == assetId).ToListAsync(ct))
            .OrderByDescending(r => r.EffectiveAt).ThenByDescending(r => r.Id)
            .Select(r => new RateRow(r.EthRate, r.EffectiveAt, r.Source)).ToList();
    }

    public async Task<List<ShortfallRow>> ShortfallAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ShortfallItems.AsNoTracking()
            .Select(s => new { s.Id, s.Label, s.Kind, s.Amount, s.Asset!.Symbol, s.Asset.Decimals, s.Date, s.Source, s.Version })
            .ToListAsync(ct);
        return rows.OrderBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new ShortfallRow(s.Id, s.Label, s.Kind, LedgerAmounts.Exact(s.Amount, s.Decimals), s.Symbol, s.Date, s.Source, s.Version)).ToList();
    }

    public async Task<List<ChainRow>> ChainsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chains = await db.Chains.AsNoTracking().Include(c => c.RecoveryAddresses).OrderBy(c => c.ChainId).ToListAsync(ct);
        return chains.Select(c => new ChainRow(c.ChainId, c.Name,
            c.RecoveryAddresses.Select(a => a.Address).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>Confirmed and pending transfers no pledge claims, newest block first.</summary>
    public async Task<List<InflowRow>> UnattributedAsync(long? onlyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Transfers.AsNoTracking().Where(t => t.PledgeId == null);
        if (onlyId is { } id) query = query.Where(t => t.Id == id);
        var rows = await query
            .Select(t => new { t.Id, Chain = db.Chains.Where(c => c.ChainId == t.ChainId).Select(c => c.Name).FirstOrDefault(), t.ChainId,
                t.TxHash, t.BlockNumber, t.From, t.To, t.Amount, t.Asset!.Symbol, t.Asset.Decimals, t.AssetId, t.Confirmed })
            .ToListAsync(ct);
        return rows.OrderByDescending(t => t.BlockNumber).ThenByDescending(t => t.Id)
            .Select(t => new InflowRow(t.Id, t.Chain ?? t.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), t.TxHash,
                t.BlockNumber, t.From, t.To, LedgerAmounts.Exact(t.Amount, t.Decimals), t.Symbol, t.AssetId, t.Confirmed))
            .ToList();
    }

    /// <summary>Pledges an inflow in this asset could pay: same asset, not withdrawn.</summary>
    public async Task<List<PledgeOption>> PledgesForAssetAsync(int assetId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Pledges.AsNoTracking().Where(p => p.AssetId == assetId && p.Status != PledgeStatus.Withdrawn)
                .Select(p => new { p.Id, p.Pledger!.Name, p.Status }).ToListAsync(ct))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new PledgeOption(p.Id, $"{p.Name} (pledge {p.Id}, {p.Status.ToText()})")).ToList();
    }
}
