using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Features.Admin.Accounts.Pages;

/// <summary>The account pages' reads; each opens and disposes its own context.</summary>
internal sealed class UserQueries(IDbContextFactory<RescueDbContext> dbFactory)
{
    public async Task<List<UserRow>> ListAsync(string? userId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking()
            .Where(u => userId == null || u.Id == userId)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = await RolesAsync(db, users.Select(u => u.Id).ToList(), ct);
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.LockoutEnd)).ToList();
    }

    /// <summary>One page of users, searched by email or display name, sorted and paged in SQL.</summary>
    public async Task<GridPage<UserRow>> PageAsync(GridRequest request, string? search, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lower = search.Trim().ToLowerInvariant();
            query = query.Where(u => u.Email!.ToLower().Contains(lower) || u.DisplayName.ToLower().Contains(lower));
        }
        var sorted = (request.SortBy, request.Descending) switch
        {
            (nameof(UserRow.DisplayName), false) => query.OrderBy(u => u.DisplayName).ThenBy(u => u.Email),
            (nameof(UserRow.DisplayName), true) => query.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Email),
            (_, true) => query.OrderByDescending(u => u.Email),
            _ => query.OrderBy(u => u.Email),
        };
        var total = await query.CountAsync(ct);
        var users = await sorted.Skip(request.Skip).Take(request.PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = await RolesAsync(db, users.Select(u => u.Id).ToList(), ct);
        return new(users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.LockoutEnd))
            .ToList(), total);
    }

    /// <summary>Every API key with its user, live keys first, newest first.</summary>
    public async Task<List<ApiKey>> ApiKeysAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Include(k => k.User)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id).ToListAsync(ct);
    }

    private static async Task<Dictionary<string, string>> RolesAsync(RescueDbContext db, List<string> userIds, CancellationToken ct) =>
        (await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
        .GroupBy(r => r.UserId)
        .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Name).Order()));
}
