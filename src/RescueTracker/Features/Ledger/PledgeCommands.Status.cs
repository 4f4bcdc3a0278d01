using RescueTracker.Features.Admin.Accounts;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

public sealed record StatusChangeInput(string? Status, string? Reason, string? Source);

public sealed record OffchainDeliveryInput(string? Amount, string? EvidenceUrl, string? Note);

public sealed partial class PledgeCommands
{
    private static readonly PledgeStatus[] ChosenStatuses = [PledgeStatus.Proposed, PledgeStatus.Committed, PledgeStatus.Withdrawn];

    /// <summary>
    /// Moves a pledge between proposed, committed and withdrawn, with a required reason and source
    /// (for committed, the evidence such as the passed vote). Delivered is never chosen here.
    /// </summary>
    public async Task<CommandResult<PledgeState>> ChangeStatusAsync(int id, StatusChangeInput input, int? version, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await LoadAsync(db, id, ct);
        if (pledge is null) return CommandResult<PledgeState>.NotFound();

        var errors = new FieldErrors();
        var status = PledgeValidator.ParseStatus(input.Status, ChosenStatuses, errors);
        if (string.IsNullOrWhiteSpace(input.Reason)) errors.Add("reason", "A reason is required.");
        else errors.Check("reason", LedgerRules.CheckNote(input.Reason, "reason"));
        errors.Check("source", LedgerRules.CheckUrl(input.Source,
            status == PledgeStatus.Committed ? "evidence URL (such as the passed vote)" : "source"));
        if (status is { } s && s == pledge.Status) errors.Add("status", $"The pledge is already {s.ToText()}.");
        if (pledge.Status == PledgeStatus.Delivered && !errors.Has("status"))
            errors.Add("status", "A delivered pledge keeps its status: it follows the money received.");
        if (errors.Any || status is null) return CommandResult<PledgeState>.Invalid(errors);
        if (version is { } v && v != pledge.Version) return CommandResult<PledgeState>.Conflict(PledgeState.Of(pledge));
        // Re-opening a withdrawn pledge must not take a sender another open pledge now uses.
        if (pledge.Status == PledgeStatus.Withdrawn && pledge.AssetId is { } assetId)
        {
            var senders = pledge.Senders.Select(x => x.Address).ToList();
            if (await SenderConflictsAsync(db, assetId, senders, pledge.Id, errors, ct))
                return CommandResult<PledgeState>.Invalid(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var before = PledgeState.Of(pledge);
        pledge.History.Add(new PledgeStatusChange
        {
            From = pledge.Status, To = status.Value, At = now, Reason = input.Reason!, Source = input.Source, Actor = actor.DisplayName,
        });
        pledge.Status = status.Value;
        return await SaveEditAsync(db, tx, pledge, before, "pledge.status", input.Reason, input.Source, actor, now, ct);
    }

    /// <summary>
    /// Records money that arrived outside the watched chains, with its evidence. It counts toward the
    /// pledge's received amount (marked as off-chain wherever shown) and may complete the pledge.
    /// </summary>
    public async Task<CommandResult<PledgeState>> RecordOffchainDeliveryAsync(int id, OffchainDeliveryInput input, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await LoadAsync(db, id, ct);
        if (pledge is null) return CommandResult<PledgeState>.NotFound();
        var errors = new FieldErrors();
        if (pledge.Asset is null || pledge.Amount is null)
            errors.Add("amount", "This pledge names no amount or asset; give it one before recording a delivery.");
        else errors.Check("amount", LedgerRules.CheckAmount(input.Amount, pledge.Asset.Decimals, pledge.Asset.Symbol, out _));
        if (pledge.Status == PledgeStatus.Withdrawn) errors.Add("amount", "The pledge is withdrawn.");
        errors.Check("evidenceUrl", LedgerRules.CheckUrl(input.EvidenceUrl, "evidence URL"));
        errors.Check("note", LedgerRules.CheckNote(input.Note));
        if (errors.Any) return CommandResult<PledgeState>.Invalid(errors);
        LedgerRules.CheckAmount(input.Amount, pledge.Asset!.Decimals, pledge.Asset.Symbol, out var amount);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var delivery = new OffchainDelivery
        {
            PledgeId = pledge.Id, Amount = amount, EvidenceUrl = input.EvidenceUrl!, Note = input.Note, RecordedAt = now, RecordedBy = actor.DisplayName,
        };
        db.OffchainDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        await DeliveryTracker.ApplyAsync(db, [pledge.Id], actor.DisplayName, now, ct);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "pledge.offchain-delivery", "pledge", pledge.Id, pledge.Pledger!.Name, null,
            new { delivery.Id, Amount = ExactDecimal.FromBaseUnits(amount, pledge.Asset.Decimals).ToString(), Asset = pledge.Asset.Symbol, input.Note },
            input.Note, input.EvidenceUrl));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<PledgeState>.Ok(PledgeState.Of(pledge));
    }
}
