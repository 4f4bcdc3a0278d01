using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// <c>Authorization: Bearer rtk_...</c> for the admin API. The presented key is hashed and looked up
/// by hash, so no stored secret is ever compared character by character. A revoked key, or a key whose
/// owner an admin locked or deleted, authenticates nobody (failed password sign-ins lock nothing: they are throttled). Challenges and refusals are problem details, never redirects.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IDbContextFactory<RescueDbContext> dbFactory,
    IProblemDetailsService problemDetails,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Recording every request would turn a busy integration into a write per call.</summary>
    internal static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);

    private ILogger Log => Logger;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var presented = header["Bearer ".Length..].Trim();
        if (!ApiKeyTokens.LooksLikeKey(presented)) return AuthenticateResult.Fail("Malformed API key.");

        var hash = ApiKeyTokens.Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ApiKeys.Include(k => k.User).SingleOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (key?.User is null) return AuthenticateResult.Fail("Unknown API key.");
        if (key.RevokedAt is not null)
        {
            Log.LogWarning("Revoked API key {KeyPrefix} ({KeyName}) of {Email} was presented", key.Prefix, key.Name, key.User.Email);
            return AuthenticateResult.Fail("Revoked API key.");
        }
        if (key.User.LockoutEnd > now)
        {
            Log.LogWarning("API key {KeyPrefix} ({KeyName}) of locked-out {Email} was presented", key.Prefix, key.Name, key.User.Email);
            return AuthenticateResult.Fail("The key's owner is locked out.");
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedGranularity)
        {
            // Set-based update: no concurrency token to trip over when two requests race here.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == key.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(Context.RequestAborted);
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, key.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, key.User.Email ?? key.User.UserName ?? key.UserId));
        identity.AddClaim(new Claim(AdminClaims.DisplayName, key.User.DisplayName));
        identity.AddClaim(new Claim(AdminClaims.ApiKeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AdminClaims.ApiKeyName, key.Name));
        foreach (var role in roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync("A valid API key is required: send it as 'Authorization: Bearer KEY'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Log.LogWarning("Access denied: {User} ({Via}) may not {Method} {Path}",
            Context.User.FindFirstValue(ClaimTypes.Name), Context.User.FindFirstValue(AdminClaims.ApiKeyName), Request.Method, Request.Path);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync("The key's owner does not have the role this operation needs.");
    }

    private async Task WriteProblemAsync(string detail) =>
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Detail = detail },
        });
}
