using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Features.Admin;

/// <summary>
/// What an interactive admin page or form needs from its circuit: the signed-in user as the audit actor (there
/// is no HttpContext in a circuit), and a token cancelled when the component goes away (the user left, the
/// circuit ended), for reads and commands alike. A command cancelled half-way rolls back its one transaction.
/// </summary>
public abstract class AdminComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _gone = new();

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected CancellationToken Aborted => _gone.Token;

    /// <summary>True while a save runs: the save buttons are disabled, so one click is one command.</summary>
    protected bool Saving { get; private set; }

    /// <summary>Who the audit trail will name for a change made here.</summary>
    protected async Task<Actor> ActorAsync() => Actor.From(await UserAsync());

    protected async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() =>
        AuthenticationState is null ? new() : (await AuthenticationState).User;

    /// <summary>
    /// Runs one save (one command call, one transaction). A save cancelled because the component went away has
    /// rolled back and has nobody left to tell: it ends quietly instead of failing a circuit that is gone.
    /// </summary>
    protected async Task RunSaveAsync(Func<Task> save)
    {
        if (Saving) return;
        Saving = true;
        try
        {
            await save();
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
        }
        finally
        {
            Saving = false;
        }
    }

    // Cancelled, not disposed: a continuation that resumes after disposal may still read the token.
    public void Dispose()
    {
        _gone.Cancel();
        GC.SuppressFinalize(this);
    }
}
