using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// An interactive admin circuit outlives the request that opened it: every <see cref="AdminSessionOptions.RevalidationInterval"/>
/// it asks whether its session still stands (not signed out, not expired, the account's security stamp unchanged); if
/// not, the circuit's user becomes anonymous and the admin pages stop rendering for it.
/// </summary>
public sealed class AdminSessionRevalidation(
    ILoggerFactory loggerFactory, AdminSessionStore sessions, IOptions<AdminSessionOptions> options, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated != true
        || await sessions.IsActiveAsync(authenticationState.User, identity.Value.ClaimsIdentity.SecurityStampClaimType, cancellationToken);
}
