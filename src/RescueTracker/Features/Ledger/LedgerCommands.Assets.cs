using RescueTracker.Features.Admin.Accounts;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

public sealed record AssetInput(string? Symbol, long? ChainId, string? Contract, int? Decimals, string? EthRate, string? Tolerance, string? Source);

public sealed record AssetState(int Id, int Version, string Symbol, long ChainId, string? Contract, int Decimals, string EthRate, string Tolerance);

public sealed record RecoveryAddressState(int Id, long ChainId, string Address);

public sealed partial class LedgerCommands
{
    public async Task<CommandResult<AssetState>> CreateAssetAsync(AssetInput input, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        errors.Check("symbol", LedgerRules.CheckSymbol(input.Symbol));
        if (input.Symbol is not null && await db.Assets.AnyAsync(a => a.Symbol == input.Symbol, ct))
            errors.Add("symbol", $"There is already an asset {input.Symbol}.");
        if (input.ChainId is not { } chainId || !await db.Chains.AnyAsync(c => c.ChainId == chainId, ct))
            errors.Add("chainId", "Choose a chain the rescue tracks.");
        string? contract = null;
        if (!string.IsNullOrEmpty(input.Contract)) errors.Check("contract", LedgerRules.CheckAddress(input.Contract, out contract!));
        if (input.Decimals is not (>= 0 and <= LedgerRules.MaxDecimals)) errors.Add("decimals", $"Decimals must be between 0 and {LedgerRules.MaxDecimals}.");
        errors.Check("ethRate", LedgerRules.CheckRate(input.EthRate, out var rate));
        var tolerance = ParseTolerance(input.Tolerance, errors);
        if (input.Source is not null) errors.Check("source", LedgerRules.CheckUrl(input.Source, "source"));
        if (!errors.Any && await db.Assets.AnyAsync(a => a.ChainId == input.ChainId && a.Contract == contract, ct))
            errors.Add("contract", contract is null ? "This chain's native coin already has an asset." : "This contract already has an asset.");
        if (errors.Any) return CommandResult<AssetState>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var asset = new Asset
        {
            Symbol = input.Symbol!, ChainId = input.ChainId!.Value, Contract = contract, Decimals = input.Decimals!.Value,
            EthRate = rate.ToString(), Tolerance = tolerance, Version = 1,
            Rates = [new AssetRate { EthRate = rate.ToString(), EffectiveAt = now, Source = input.Source }],
        };
        db.Assets.Add(asset);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "asset.create", "asset", asset.Id, asset.Symbol, null, State(asset), source: input.Source));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<AssetState>.Ok(State(asset));
    }

    /// <summary>A new ETH rate takes effect now; the old one stays in the dated history with its source.</summary>
    public async Task<CommandResult<AssetState>> SetRateAsync(int assetId, string? ethRate, string? tolerance, string? source, int? version, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId, ct);
        if (asset is null) return CommandResult<AssetState>.NotFound();
        var errors = new FieldErrors();
        errors.Check("ethRate", LedgerRules.CheckRate(ethRate, out var rate));
        var newTolerance = tolerance is null ? asset.Tolerance : ParseTolerance(tolerance, errors);
        errors.Check("source", LedgerRules.CheckUrl(source, "source"));
        if (version is null) errors.Add("version", "The version you edited is required.");
        if (errors.Any) return CommandResult<AssetState>.Invalid(errors);
        if (asset.Version != version) return CommandResult<AssetState>.Conflict(State(asset));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var before = State(asset);
        asset.EthRate = rate.ToString();
        asset.Tolerance = newTolerance;
        asset.Version++;
        db.AssetRates.Add(new AssetRate { AssetId = asset.Id, EthRate = asset.EthRate, EffectiveAt = now, Source = source });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<AssetState>.Conflict(before);
        }
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "asset.rate", "asset", asset.Id, asset.Symbol, before, State(asset), source: source));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<AssetState>.Ok(State(asset));
    }

    /// <summary>
    /// Adds a recovery address. Blocks the chain's scan has already passed are read again for this
    /// address alone (a back-fill from the start block to the checkpoint), so its past inflows are
    /// found while the other addresses keep their checkpoint.
    /// </summary>
    public async Task<CommandResult<RecoveryAddressState>> AddRecoveryAddressAsync(long? chainId, string? address, string? reason, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var chain = chainId is { } id ? await db.Chains.FirstOrDefaultAsync(c => c.ChainId == id, ct) : null;
        if (chain is null) errors.Add("chainId", "Choose a chain the rescue tracks.");
        errors.Check("address", LedgerRules.CheckAddress(address, out var lower));
        errors.Check("reason", LedgerRules.CheckNote(reason, "reason"));
        if (!errors.Any && await db.RecoveryAddresses.AnyAsync(a => a.ChainId == chainId && a.Address == lower, ct))
            errors.Add("address", "This address is already a recovery address on that chain.");
        if (errors.Any) return CommandResult<RecoveryAddressState>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // Where its back-fill ends is the reconciler's to fix, at the checkpoint of the first poll that
        // includes the address: a poll already under way goes on without it.
        var row = new RecoveryAddress { ChainId = chain!.ChainId, Address = lower, Version = 1, BackfillFrom = 0 };
        db.RecoveryAddresses.Add(row);
        await db.SaveChangesAsync(ct);
        var state = new RecoveryAddressState(row.Id, row.ChainId, row.Address);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "recovery-address.create", "recovery-address", row.Id, $"{chain.Name} {lower}", null, state, reason));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult<RecoveryAddressState>.Ok(state);
    }

    private static BigInteger ParseTolerance(string? text, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return BigInteger.Zero;
        if (text.Length <= 30 && text.All(char.IsAsciiDigit)) return BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        errors.Add("tolerance", "The tolerance is a whole number of base units (wei for 18-decimal tokens), 0 or more.");
        return BigInteger.Zero;
    }

    private static AssetState State(Asset a) =>
        new(a.Id, a.Version, a.Symbol, a.ChainId, a.Contract, a.Decimals, a.EthRate, a.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
