using RescueTracker.Features.Admin.Accounts;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

public sealed record PledgerState(int Id, int Version, string Name);

public sealed partial class LedgerCommands
{
    /// <summary>
    /// Corrects a pledger's name (a typo, an official name). Names are unique, so a pledge entered
    /// under a new name never silently joins another pledger; the public pages show the new name at once.
    /// </summary>
    public async Task<CommandResult<PledgerState>> RenamePledgerAsync(int id, string? name, int? version, string? reason, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledger = await db.Pledgers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pledger is null) return CommandResult<PledgerState>.NotFound();
        var errors = new FieldErrors();
        if (version is null) errors.Add("version", "The version you edited is required.");
        errors.Check("name", LedgerRules.CheckName(name, "name"));
        errors.Check("reason", LedgerRules.CheckNote(reason, "reason"));
        if (!errors.Has("name") && name == pledger.Name) errors.Add("name", "That is already the pledger's name.");
        if (!errors.Has("name") && await db.Pledgers.AnyAsync(p => p.Name == name && p.Id != id, ct))
            errors.Add("name", $"There is already a pledger named {name}.");
        if (errors.Any) return CommandResult<PledgerState>.Invalid(errors);
        if (pledger.Version != version) return CommandResult<PledgerState>.Conflict(State(pledger));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var before = State(pledger);
        pledger.Name = name!;
        pledger.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<PledgerState>.Conflict(before);
        }
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "pledger.rename", "pledger", pledger.Id, pledger.Name, before, State(pledger), reason));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await figures.RefreshAfterCommitAsync();
        return CommandResult<PledgerState>.Ok(State(pledger));
    }

    private static PledgerState State(Pledger p) => new(p.Id, p.Version, p.Name);
}
