using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// The sign-in cookie's tickets, kept in the database (<see cref="AdminSession"/>); the cookie carries only a random
/// session id. Every request reads its row by primary key, so sign-out (which deletes it) ends the session at once,
/// for every copy of the cookie and across restarts. The id is also a claim, so open circuits can check it.
/// </summary>
public sealed class AdminSessionStore(IDbContextFactory<RescueDbContext> dbFactory, TimeProvider clock) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var identity = ticket.Principal.Identities.First();
        identity.AddClaim(new Claim(AdminClaims.SessionId, id));
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync();
        // Sessions nobody signed out of end here, at the next sign-in of anyone.
        await db.AdminSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync();
        db.AdminSessions.Add(new AdminSession
        {
            Id = id,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session ticket names no user."),
            Ticket = TicketSerializer.Default.Serialize(ticket),
            ExpiresAt = ExpiresAt(ticket),
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expiresAt = ExpiresAt(ticket);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.AdminSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expiresAt));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync();
        var ticket = await db.AdminSessions.Where(s => s.Id == key && s.ExpiresAt > now).Select(s => s.Ticket).SingleOrDefaultAsync();
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.AdminSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>
    /// For an open circuit: the principal's session is not signed out or expired, and its security stamp is still the
    /// account's (an admin's lock or a role change renews the stamp). One query.
    /// </summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal, string stampClaimType, CancellationToken ct)
    {
        var id = principal.FindFirstValue(AdminClaims.SessionId);
        var stamp = principal.FindFirstValue(stampClaimType);
        if (id is null || stamp is null) return false;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AdminSessions.AnyAsync(s => s.Id == id && s.ExpiresAt > now
            && db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == stamp), ct);
    }

    private static long ExpiresAt(AuthenticationTicket ticket) =>
        (ticket.Properties.ExpiresUtc ?? throw new InvalidOperationException("A session ticket has no expiry.")).ToUnixTimeMilliseconds();
}

/// <summary><c>Admin:Session</c>: how often an open admin circuit re-checks its session.</summary>
public sealed class AdminSessionOptions
{
    public const string Section = "Admin:Session";

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
