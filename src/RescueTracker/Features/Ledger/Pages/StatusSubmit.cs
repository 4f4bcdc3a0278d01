using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>The submit of the status and withdraw forms: both are a status change with a reason, a source and a version.</summary>
internal static class StatusSubmit
{
    public static async Task<(IReadOnlyList<string> General, List<ConflictBox.Row>? Conflict)> RunAsync(
        PledgeCommands commands, int id, StatusForm form, EditContext edit, HttpContext http, NavigationManager navigation,
        Action<PledgeState> showCurrent)
    {
        var result = await commands.ChangeStatusAsync(id, form.ToInput(), FormText.Int(form.Version), http.User.ToActor(), http.RequestAborted);
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                navigation.NavigateTo($"/admin/pledges?done=status&id={id}");
                return ([], null);
            case CommandOutcome.Conflict:
                var current = (PledgeState)result.Current!;
                showCurrent(current);
                form.Version = FormText.Of(current.Version);
                return ([], [new ConflictBox.Row("Status", $"{form.Status} (your choice)", current.Status)]);
            case CommandOutcome.NotFound:
                return (["The pledge no longer exists."], null);
            default:
                return (CommandErrors.Show(edit, result.Errors!), null);
        }
    }
}
