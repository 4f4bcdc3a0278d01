using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>
/// An admin page running in a circuit: there is no HttpContext, so the signed-in user comes from the
/// authentication state, and work stops when the page goes away (navigation or a dropped circuit). Commands
/// run in one transaction each, so a cancelled save leaves nothing half-written.
/// </summary>
public abstract class AdminPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _aborted = new();

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected CancellationToken Aborted => _aborted.Token;

    /// <summary>Who the audit trail will name for a change made on this page.</summary>
    protected async Task<Actor> ActorAsync() => Actor.From(await UserAsync());

    protected async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() =>
        AuthenticationState is null ? new() : (await AuthenticationState).User;

    public void Dispose()
    {
        _aborted.Cancel();
        _aborted.Dispose();
        GC.SuppressFinalize(this);
    }
}
