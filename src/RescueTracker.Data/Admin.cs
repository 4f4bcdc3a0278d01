using Microsoft.AspNetCore.Identity;

namespace RescueTracker.Data;

/// <summary>An admin or editor account; the display name is what public history shows.</summary>
public class AdminUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>
/// One change to the ledger: who, when, what, the record before and after (JSON), why and on
/// what evidence. Append-only: the database itself refuses updates and deletes (triggers).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>A name a person recognises: the pledger's name for a pledge, the symbol for an asset.</summary>
    public required string EntityLabel { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
    public string? Source { get; set; }
}

/// <summary>A bearer key for the admin API. Only its SHA-256 hash is stored; the key is shown once.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AdminUser? User { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's first characters, so people can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// A signed-in browser session. The sign-in cookie carries only its id: signing out deletes the row, so a copy of the
/// cookie opens nothing afterwards. The ticket is what the cookie itself would otherwise hold (claims, expiry).
/// </summary>
public class AdminSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] Ticket { get; set; }
    /// <summary>Unix milliseconds: SQLite compares numbers in SQL, not date-time offsets.</summary>
    public long ExpiresAt { get; set; }
}
