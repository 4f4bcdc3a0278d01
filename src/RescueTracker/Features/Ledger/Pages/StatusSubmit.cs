using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>What a status change came to: saved, refused with messages, or stale (with what is saved now).</summary>
public sealed record StatusOutcome(PledgeState? Saved, FormErrors Errors, PledgeState? Current = null, List<ConflictBox.Row>? Conflict = null);

/// <summary>The submit of the status and withdraw forms: both are a status change with a reason, a source and a version.</summary>
internal static class StatusSubmit
{
    /// <remarks>One command call, one transaction: cancelled half-way (the circuit went), it saves nothing.</remarks>
    public static async Task<StatusOutcome> RunAsync(PledgeCommands commands, int id, StatusForm form, Actor actor, CancellationToken ct)
    {
        var result = await commands.ChangeStatusAsync(id, form.ToInput(), FormText.Int(form.Version), actor, ct);
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                return new(result.Value, FormErrors.None);
            case CommandOutcome.Conflict:
                // The form keeps the choice, reason and source, and takes the new version: saving again is deliberate.
                var current = (PledgeState)result.Current!;
                form.Version = FormText.Of(current.Version);
                return new(null, FormErrors.None, current, [new ConflictBox.Row("Status", $"{form.Status} (your choice)", current.Status)]);
            case CommandOutcome.NotFound:
                return new(null, FormErrors.Of("The pledge no longer exists."));
            default:
                return new(null, FormErrors.From(result.Errors!, typeof(StatusForm)));
        }
    }
}
