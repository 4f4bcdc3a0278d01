using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>Puts the display name into the sign-in cookie, so the audit trail needs no lookup per change.</summary>
internal sealed class DisplayNameClaimsFactory(
    UserManager<AdminUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AdminUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AdminUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AdminClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
