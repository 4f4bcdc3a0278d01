using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// Creates users, changes roles, locks and unlocks, each with its audit entry. Identity's manager saves
/// more than once per operation (user, then role), so each operation runs in one database transaction
/// with its audit entry: the change and its record commit together or not at all.
/// </summary>
public sealed class AccountService(UserManager<AdminUser> users, RescueDbContext db, TimeProvider clock, ILogger<AccountService> logger)
{
    public async Task<AccountResult> CreateUserAsync(Actor actor, string email, string? displayName, string role, string password, CancellationToken ct)
    {
        displayName = string.IsNullOrWhiteSpace(displayName) ? AccountInput.DefaultDisplayName(email) : displayName.Trim();
        var errors = new Dictionary<string, string>();
        if (AccountInput.CheckEmail(email) is { } e) errors["Email"] = e;
        if (AccountInput.CheckName(displayName, "display name") is { } n) errors["DisplayName"] = n;
        if (AccountInput.CheckRole(role) is { } r) errors["Role"] = r;
        if (PasswordRules.Check(password) is { } p) errors["Password"] = p;
        if (errors.Count > 0) return new AccountResult(errors);
        if (await users.FindByEmailAsync(email) is not null) return AccountResult.Fail("Email", $"An account for {email} exists already.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AdminUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return FromIdentity(created);
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return FromIdentity(added);
        db.AuditEntries.Add(AccountAudit.Entry(actor, clock.GetUtcNow(), "user.create", "user", user.Id, email,
            before: null, after: new { email, displayName, role }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} created {Role} account {Email}", actor.DisplayName, role, email);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> ChangeRoleAsync(Actor actor, string userId, string role, CancellationToken ct)
    {
        if (AccountInput.CheckRole(role) is { } r) return AccountResult.Fail("Role", r);
        if (userId == actor.UserId) return AccountResult.Fail("Role", "You cannot change your own role: ask another admin.");
        if (await users.FindByIdAsync(userId) is not { } user) return AccountResult.Fail("", "No such user.");
        var before = await users.GetRolesAsync(user);
        if (before.SequenceEqual([role])) return AccountResult.Ok;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await users.RemoveFromRolesAsync(user, before);
        if (!removed.Succeeded) return FromIdentity(removed);
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return FromIdentity(added);
        db.AuditEntries.Add(AccountAudit.Entry(actor, clock.GetUtcNow(), "user.role", "user", user.Id, user.Email!,
            before: new { roles = before }, after: new { roles = new[] { role } }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} changed the role of {Email} to {Role}", actor.DisplayName, user.Email, role);
        return AccountResult.Ok;
    }

    /// <summary>Locking is indefinite until unlocked; the new security stamp ends the user's open sessions.</summary>
    public async Task<AccountResult> SetLockedAsync(Actor actor, string userId, bool locked, CancellationToken ct)
    {
        if (userId == actor.UserId) return AccountResult.Fail("", "You cannot lock or unlock your own account.");
        if (await users.FindByIdAsync(userId) is not { } user) return AccountResult.Fail("", "No such user.");
        var wasLocked = user.LockoutEnd > clock.GetUtcNow();
        if (wasLocked == locked) return AccountResult.Ok;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!result.Succeeded) return FromIdentity(result);
        if (locked) await users.UpdateSecurityStampAsync(user);
        else await users.ResetAccessFailedCountAsync(user);
        db.AuditEntries.Add(AccountAudit.Entry(actor, clock.GetUtcNow(), locked ? "user.lock" : "user.unlock", "user", user.Id, user.Email!,
            before: new { locked = wasLocked }, after: new { locked }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} {Change} account {Email}", actor.DisplayName, locked ? "locked" : "unlocked", user.Email);
        return AccountResult.Ok;
    }

    public async Task<(AccountResult Result, CreatedApiKey? Key)> CreateApiKeyAsync(Actor actor, string userId, string name, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (AccountInput.CheckName(name, "key name") is { } n) return (AccountResult.Fail("Name", n), null);
        if (await users.FindByIdAsync(userId) is not { } user) return (AccountResult.Fail("UserId", "No such user."), null);

        var secret = ApiKeyTokens.NewKey();
        var key = new ApiKey
        {
            UserId = user.Id,
            Name = name,
            Prefix = ApiKeyTokens.DisplayPrefix(secret),
            Hash = ApiKeyTokens.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        // The key's id exists only after the insert; the transaction commits key and audit row together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AccountAudit.Entry(actor, key.CreatedAt, "apikey.create", "apikey", Id(key), name,
            before: null, after: new { name, prefix = key.Prefix, owner = user.Email }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} created API key {KeyPrefix} ({KeyName}) for {Email}", actor.DisplayName, key.Prefix, name, user.Email);
        return (AccountResult.Ok, new CreatedApiKey(key.Id, name, key.Prefix, secret));
    }

    public async Task<AccountResult> RevokeApiKeyAsync(Actor actor, int keyId, CancellationToken ct)
    {
        var key = await db.ApiKeys.Include(k => k.User).SingleOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null) return AccountResult.Fail("", "No such key.");
        if (key.RevokedAt is not null) return AccountResult.Ok;
        key.RevokedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AccountAudit.Entry(actor, key.RevokedAt.Value, "apikey.revoke", "apikey", Id(key), key.Name,
            before: new { revokedAt = (DateTimeOffset?)null }, after: new { revokedAt = key.RevokedAt, prefix = key.Prefix, owner = key.User?.Email }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Actor} revoked API key {KeyPrefix} ({KeyName})", actor.DisplayName, key.Prefix, key.Name);
        return AccountResult.Ok;
    }

    private static string Id(ApiKey key) => key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static AccountResult FromIdentity(IdentityResult result) => new(result.Errors
        .GroupBy(e => e.Code switch
        {
            var c when c.StartsWith("Password", StringComparison.Ordinal) => "Password",
            var c when c.Contains("Email", StringComparison.Ordinal) || c.Contains("UserName", StringComparison.Ordinal) => "Email",
            _ => "",
        })
        .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Description))));
}
