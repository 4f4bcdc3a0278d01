using System.Security.Claims;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>Claim types the admin area adds to its principals.</summary>
public static class AdminClaims
{
    public const string DisplayName = "rescuetracker:display_name";
    public const string ApiKeyId = "rescuetracker:api_key_id";
    public const string ApiKeyName = "rescuetracker:api_key_name";
    /// <summary>The server-side session a sign-in cookie stands for (<see cref="AdminSessionStore"/>).</summary>
    public const string SessionId = "rescuetracker:session_id";
}

/// <summary>
/// Who made a change, for the audit trail: the account's id and display name, and how they came in:
/// <c>"form"</c> for a signed-in browser, <c>"api key NAME"</c> for the admin API.
/// </summary>
public sealed record Actor(string? UserId, string DisplayName, string Via)
{
    /// <summary>Changes made from the command line (create-admin, create-api-key) by whoever runs the server.</summary>
    public static readonly Actor CommandLine = new(null, "command line", "command line");

    public static Actor From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
            throw new InvalidOperationException("No signed-in user or API key: admin changes need an actor.");
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(AdminClaims.DisplayName) is { Length: > 0 } display ? display : user.Identity.Name ?? id ?? "unknown";
        var via = user.FindFirstValue(AdminClaims.ApiKeyName) is { } keyName ? $"api key {keyName}" : "form";
        return new Actor(id, name, via);
    }
}

/// <summary>The actor of the current request (form or API), for services that write audit entries.</summary>
public interface ICurrentActor
{
    Actor Actor { get; }
}

internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public Actor Actor => Actor.From(accessor.HttpContext?.User
        ?? throw new InvalidOperationException("No HTTP request: admin changes need an actor."));
}

public static class ClaimsPrincipalActorExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user) => Actor.From(user);
}
