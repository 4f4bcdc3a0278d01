using RescueTracker.Features.Admin.Accounts;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Ledger;

public sealed record ShortfallState(int Id, int Version, string Label, string Kind, string Amount, string Asset, string Date, string Source);

public sealed record TransferAttribution(long TransferId, int PledgeId, string Pledger);

/// <summary>
/// The ledger around the pledges: the gap's loss and recovery items, attribution of inflows nobody
/// announced, assets and their dated ETH rates, recovery addresses. One transaction and one audit
/// row per change; figures refreshed before returning.
/// </summary>
public sealed partial class LedgerCommands(IDbContextFactory<RescueDbContext> dbFactory, FiguresService figures, TimeProvider clock)
{
    public async Task<CommandResult<ShortfallState>> AddShortfallItemAsync(ShortfallInput input, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assets = await PledgeCommands.AssetLookupAsync(db, ct);
        var errors = new FieldErrors();
        var data = ShortfallValidator.Validate(input, s => assets.GetValueOrDefault(s)?.Info, errors);
        if (data is null) return CommandResult<ShortfallState>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var item = new ShortfallItem
        {
            Label = data.Label, Kind = data.Kind, Amount = data.Amount, Asset = assets[data.Asset].Asset, Date = data.Date,
            Source = data.Source, RecordedAt = now, Version = 1,
        };
        db.ShortfallItems.Add(item);
        await db.SaveChangesAsync(ct);
        var state = State(item);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "shortfall.create", "shortfall", item.Id, item.Label, null, state, source: item.Source));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<ShortfallState>.Ok(state);
    }

    /// <summary>Revises an item of the gap (a figure corrected by later reporting), keeping its history in the audit trail.</summary>
    public async Task<CommandResult<ShortfallState>> UpdateShortfallItemAsync(int id, ShortfallInput input, int? version, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ShortfallItems.Include(s => s.Asset).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (item is null) return CommandResult<ShortfallState>.NotFound();
        var assets = await PledgeCommands.AssetLookupAsync(db, ct);
        var errors = new FieldErrors();
        if (version is null) errors.Add("version", "The version you edited is required.");
        var data = ShortfallValidator.Validate(input, s => assets.GetValueOrDefault(s)?.Info, errors);
        if (data is null || errors.Any) return CommandResult<ShortfallState>.Invalid(errors);
        if (item.Version != version) return CommandResult<ShortfallState>.Conflict(State(item));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var before = State(item);
        (item.Label, item.Kind, item.Amount, item.Asset, item.Date, item.Source) =
            (data.Label, data.Kind, data.Amount, assets[data.Asset].Asset, data.Date, data.Source);
        item.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<ShortfallState>.Conflict(before);
        }
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "shortfall.update", "shortfall", item.Id, item.Label, before, State(item), source: item.Source));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<ShortfallState>.Ok(State(item));
    }

    /// <summary>
    /// Attributes an inflow nobody announced to the pledge it turned out to pay. Only an unattributed
    /// transfer in the pledge's own asset can be attributed; the pledge must not be withdrawn.
    /// </summary>
    public async Task<CommandResult<TransferAttribution>> AttributeTransferAsync(long transferId, int? pledgeId, string? reason, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var transfer = await db.Transfers.Include(t => t.Asset).FirstOrDefaultAsync(t => t.Id == transferId, ct);
        if (transfer is null) return CommandResult<TransferAttribution>.NotFound();
        var errors = new FieldErrors();
        Pledge? pledge = null;
        if (pledgeId is null) errors.Add("pledgeId", "The pledge id is required.");
        else
        {
            pledge = await db.Pledges.Include(p => p.Pledger).FirstOrDefaultAsync(p => p.Id == pledgeId, ct);
            if (pledge is null) errors.Add("pledgeId", $"There is no pledge {pledgeId}.");
            else if (pledge.Status == PledgeStatus.Withdrawn) errors.Add("pledgeId", "The pledge is withdrawn.");
            else if (pledge.AssetId != transfer.AssetId)
                errors.Add("pledgeId", $"The transfer is in {transfer.Asset!.Symbol}; the pledge is in another asset.");
        }
        if (transfer.PledgeId is { } current) errors.Add("transferId", $"The transfer is already attributed to pledge {current}.");
        errors.Check("reason", LedgerRules.CheckNote(reason, "reason"));
        if (errors.Any) return CommandResult<TransferAttribution>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        transfer.PledgeId = pledge!.Id;
        transfer.AttributedByAdmin = true;
        await db.SaveChangesAsync(ct);
        await DeliveryTracker.ApplyAsync(db, [pledge.Id], actor.DisplayName, now, ct);
        var result = new TransferAttribution(transfer.Id, pledge.Id, pledge.Pledger!.Name);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "transfer.attribute", "transfer", transfer.Id,
            $"{transfer.TxHash[..10]}… to {pledge.Pledger.Name}", new { PledgeId = (int?)null }, result, reason));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<TransferAttribution>.Ok(result);
    }

    private static ShortfallState State(ShortfallItem s) => new(
        s.Id, s.Version, s.Label, s.Kind.ToText(), ExactDecimal.FromBaseUnits(s.Amount, s.Asset!.Decimals).ToString(), s.Asset.Symbol,
        s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Source);
}
