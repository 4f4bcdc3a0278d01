using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Seed;

/// <summary>
/// Loads the seed snapshot into an empty database: everything in one transaction, and never
/// again once a rescue exists.
/// </summary>
public sealed class SeedLoader(IDbContextFactory<RescueDbContext> dbFactory, TimeProvider clock, ILogger<SeedLoader> logger)
{
    /// <summary>stETH rebases and transfers 1-2 wei less than asked; 2 wei short still counts as paid.</summary>
    private const string StEthMainnet = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84";

    /// <returns>True when the seed was written; false when the database already had a rescue.</returns>
    public async Task<bool> SeedIfEmptyAsync(string file, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Rescues.AnyAsync(ct)) return false;

        // Validate the whole file before the first write: a bad file changes nothing.
        var seed = SeedReader.Read(file);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Checked again inside the write transaction, so two instances starting at once seed once.
        if (await db.Rescues.AnyAsync(ct)) return false;
        var now = clock.GetUtcNow();
        WriteLedger(db, seed, now, out var assets);
        await db.SaveChangesAsync(ct);
        // Pledges in a save of their own, so their ids follow the order of the file.
        WritePledges(db, seed, now, assets);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Seeded {Rescue} ({Pledges} pledges, {Items} shortfall items) from {File}",
            seed.Rescue.Name, seed.Pledges.Count, seed.Shortfall.Count, file);
        return true;
    }

    private static void WriteLedger(RescueDbContext db, SeedData seed, DateTimeOffset now, out Dictionary<string, Asset> assets)
    {
        db.Rescues.Add(new Rescue
        {
            Name = seed.Rescue.Name, Description = seed.Rescue.Description, SnapshotDate = seed.Rescue.AsOf,
            SeededAt = now, UpdatedAt = now,
        });
        foreach (var chain in seed.Chains)
        {
            db.Chains.Add(new ChainInfo
            {
                ChainId = chain.ChainId, Name = chain.Name,
                RecoveryAddresses = chain.RecoveryAddresses.Select(a => new RecoveryAddress { Address = a }).ToList(),
            });
        }

        assets = seed.Assets.ToDictionary(a => a.Symbol, a => new Asset
        {
            Symbol = a.Symbol, ChainId = a.ChainId, Contract = a.Contract, Decimals = a.Decimals, EthRate = a.EthRate,
            Tolerance = IsStEth(a) ? 2 : BigInteger.Zero,
            Rates = [new AssetRate { EthRate = a.EthRate, EffectiveAt = now, Source = "seed" }],
        });
        db.Assets.AddRange(assets.Values);

        foreach (var item in seed.Shortfall)
        {
            db.ShortfallItems.Add(new ShortfallItem
            {
                Label = item.Label, Kind = item.Kind, Amount = item.Amount, Asset = assets[item.Asset], Date = item.Date,
                Source = item.Source, RecordedAt = now,
            });
        }

    }

    private static void WritePledges(RescueDbContext db, SeedData seed, DateTimeOffset now, Dictionary<string, Asset> assets)
    {
        var pledgers = new Dictionary<string, Pledger>(StringComparer.Ordinal);
        foreach (var p in seed.Pledges)
        {
            if (!pledgers.TryGetValue(p.Pledger, out var pledger)) pledgers[p.Pledger] = pledger = new Pledger { Name = p.Pledger };
            db.Pledges.Add(new Pledge
            {
                Pledger = pledger, Asset = p.Asset is null ? null : assets[p.Asset], Amount = p.Amount, Status = p.Status,
                Terms = p.Terms, TermsNote = p.TermsNote, GovernanceUrl = p.GovernanceUrl, Source = p.Source,
                Announced = p.Announced, VoteDeadline = p.VoteDeadline, Version = 1,
                Senders = p.Senders.Select(s => new PledgeSender { Address = s }).ToList(),
                History =
                [
                    new PledgeStatusChange
                    {
                        From = null, To = p.Status, At = now, Actor = "seed", Source = p.Source ?? p.GovernanceUrl,
                        Reason = $"Recorded from the {seed.Rescue.AsOf:yyyy-MM-dd} snapshot.",
                    },
                ],
            });
        }
    }

    private static bool IsStEth(SeedAsset asset) =>
        asset.Contract == StEthMainnet || string.Equals(asset.Symbol, "stETH", StringComparison.OrdinalIgnoreCase);
}
