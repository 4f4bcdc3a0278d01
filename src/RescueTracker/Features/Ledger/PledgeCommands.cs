using RescueTracker.Features.Admin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// Entering and editing pledges. Every command validates with the rules the seed file uses,
/// writes the change and its audit row in one transaction, and refreshes the figures before it
/// returns, so the next page view or API call already shows it.
/// </summary>
public sealed partial class PledgeCommands(IDbContextFactory<RescueDbContext> dbFactory, FiguresService figures, TimeProvider clock)
{
    private static readonly PledgeStatus[] NewStatuses = [PledgeStatus.Proposed, PledgeStatus.Committed];

    public async Task<PledgeState?> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await LoadAsync(db, id, ct);
        return pledge is null ? null : PledgeState.Of(pledge);
    }

    public async Task<CommandResult<PledgeState>> CreateAsync(PledgeInput input, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var assets = await AssetLookupAsync(db, ct);
        var data = PledgeValidator.Validate(input, s => assets.GetValueOrDefault(s)?.Info, NewStatuses, errors);
        if (data is null) return CommandResult<PledgeState>.Invalid(errors);
        var asset = data.Asset is null ? null : assets[data.Asset].Asset;
        if (asset is not null && await SenderConflictsAsync(db, asset.Id, data.Senders, null, errors, ct))
            return CommandResult<PledgeState>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var pledger = await db.Pledgers.FirstOrDefaultAsync(p => p.Name == data.Pledger, ct) ?? new Pledger { Name = data.Pledger };
        var pledge = new Pledge
        {
            Pledger = pledger, AssetId = asset?.Id, Amount = data.Amount, Status = data.Status, Terms = data.Terms,
            TermsNote = data.TermsNote, GovernanceUrl = data.GovernanceUrl, Source = data.Source, Announced = data.Announced,
            VoteDeadline = data.VoteDeadline,
            Version = 1, Senders = data.Senders.Select(s => new PledgeSender { Address = s }).ToList(),
            History =
            [
                new PledgeStatusChange
                {
                    From = null, To = data.Status, At = now, Actor = actor.DisplayName, Source = data.GovernanceUrl ?? data.Source,
                    Reason = data.Status == PledgeStatus.Committed ? "Entered as committed." : "Entered as a new proposal.",
                },
            ],
        };
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync(ct);
        await Attribution.ReconcileAsync(db, pledge, ct);
        await db.SaveChangesAsync(ct);
        await DeliveryTracker.ApplyAsync(db, [pledge.Id], actor.DisplayName, now, ct);
        pledge.Asset = asset;
        var state = PledgeState.Of(pledge);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "pledge.create", "pledge", pledge.Id, pledger.Name, null, state,
            source: data.GovernanceUrl ?? data.Source));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<PledgeState>.Ok(PledgeState.Of(pledge));
    }

    /// <summary>
    /// Edits amount, asset, terms, links, announcement date, vote deadline and senders. The status is not edited
    /// here: it changes only through <see cref="ChangeStatusAsync"/> with a reason and a source.
    /// </summary>
    public async Task<CommandResult<PledgeState>> UpdateAsync(int id, PledgeInput input, int? version, string? reason, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await LoadAsync(db, id, ct);
        if (pledge is null) return CommandResult<PledgeState>.NotFound();
        var errors = new FieldErrors();
        if (version is null) errors.Add("version", "The version you edited is required, so that nobody's change is overwritten silently.");
        var assets = await AssetLookupAsync(db, ct);
        var data = PledgeValidator.Validate(input, s => assets.GetValueOrDefault(s)?.Info, [], errors, currentStatus: pledge.Status);
        errors.Check("reason", LedgerRules.CheckNote(reason, "reason"));
        if (errors.Any || data is null) return CommandResult<PledgeState>.Invalid(errors);
        if (pledge.Version != version) return CommandResult<PledgeState>.Conflict(PledgeState.Of(pledge));

        var asset = data.Asset is null ? null : assets[data.Asset].Asset;
        if (asset is not null && pledge.Status != PledgeStatus.Withdrawn
            && await SenderConflictsAsync(db, asset.Id, data.Senders, pledge.Id, errors, ct))
            return CommandResult<PledgeState>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var before = PledgeState.Of(pledge);
        var pledger = await db.Pledgers.FirstOrDefaultAsync(p => p.Name == data.Pledger, ct) ?? new Pledger { Name = data.Pledger };
        pledge.Pledger = pledger;
        pledge.AssetId = asset?.Id;
        pledge.Asset = asset;
        pledge.Amount = data.Amount;
        pledge.Terms = data.Terms;
        pledge.TermsNote = data.TermsNote;
        pledge.GovernanceUrl = data.GovernanceUrl;
        pledge.Source = data.Source;
        pledge.Announced = data.Announced;
        pledge.VoteDeadline = data.VoteDeadline;
        SyncSenders(db, pledge, data.Senders);
        return await SaveEditAsync(db, tx, pledge, before, "pledge.update", reason, null, actor, now, ct);
    }

    /// <summary>
    /// Finishes an edit of an existing pledge inside its transaction: saves with the version check,
    /// re-applies automatic attribution and delivery status, writes the audit row, commits and
    /// refreshes the figures.
    /// </summary>
    private async Task<CommandResult<PledgeState>> SaveEditAsync(
        RescueDbContext db, IDbContextTransaction tx, Pledge pledge, PledgeState before, string action, string? reason, string? source,
        Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        pledge.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(pledge.Id, ct);
        }
        await Attribution.ReconcileAsync(db, pledge, ct);
        await db.SaveChangesAsync(ct);
        await DeliveryTracker.ApplyAsync(db, [pledge.Id], actor.DisplayName, now, ct);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, action, "pledge", pledge.Id, pledge.Pledger!.Name, before, PledgeState.Of(pledge), reason, source));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<PledgeState>.Ok(PledgeState.Of(pledge));
    }

    private static void SyncSenders(RescueDbContext db, Pledge pledge, IReadOnlyList<string> senders)
    {
        foreach (var gone in pledge.Senders.Where(s => !senders.Contains(s.Address)).ToList())
        {
            pledge.Senders.Remove(gone);
            db.PledgeSenders.Remove(gone);
        }
        foreach (var added in senders.Where(a => pledge.Senders.All(s => s.Address != a)))
            pledge.Senders.Add(new PledgeSender { Address = added });
    }

    private async Task<CommandResult<PledgeState>> ConflictAsync(int id, CancellationToken ct)
    {
        await using var fresh = await dbFactory.CreateDbContextAsync(ct);
        var current = await LoadAsync(fresh, id, ct);
        return current is null ? CommandResult<PledgeState>.NotFound() : CommandResult<PledgeState>.Conflict(PledgeState.Of(current));
    }

    private static Task<Pledge?> LoadAsync(RescueDbContext db, int id, CancellationToken ct) =>
        db.Pledges.Include(p => p.Pledger).Include(p => p.Asset).Include(p => p.Senders).Include(p => p.History)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);

    internal sealed record AssetEntry(Asset Asset, AssetInfo Info);

    internal static async Task<Dictionary<string, AssetEntry>> AssetLookupAsync(RescueDbContext db, CancellationToken ct) =>
        (await db.Assets.ToListAsync(ct)).ToDictionary(a => a.Symbol, a => new AssetEntry(a, new AssetInfo(a.Symbol, a.Decimals)), StringComparer.Ordinal);

    private static async Task<bool> SenderConflictsAsync(
        RescueDbContext db, int assetId, IReadOnlyList<string> senders, int? exceptPledgeId, FieldErrors errors, CancellationToken ct)
    {
        var taken = await Attribution.ConflictingSendersAsync(db, assetId, senders, exceptPledgeId, ct);
        for (var i = 0; i < senders.Count; i++)
        {
            if (taken.TryGetValue(senders[i], out var owner))
                errors.Add($"senders[{i}]", $"{senders[i]} already pays this asset for {owner}; a sender and asset belong to one open pledge.");
        }
        return taken.Count > 0;
    }
}
