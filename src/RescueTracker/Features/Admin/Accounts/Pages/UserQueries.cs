using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Features.Admin.Accounts.Pages;

internal static class UserQueries
{
    public static async Task<List<UserRow>> ListAsync(RescueDbContext db, string? userId = null, CancellationToken ct = default)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => userId == null || u.Id == userId)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.AccessFailedCount })
            .ToListAsync(ct);
        var roles = await RolesAsync(db, users.Select(u => u.Id).ToList(), ct);
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.LockoutEnd, u.AccessFailedCount)).ToList();
    }

    /// <summary>One page of users, searched by email or display name, sorted and paged in SQL.</summary>
    public static async Task<GridPage<UserRow>> PageAsync(RescueDbContext db, GridRequest request, string? search, CancellationToken ct)
    {
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
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.AccessFailedCount })
            .ToListAsync(ct);
        var roles = await RolesAsync(db, users.Select(u => u.Id).ToList(), ct);
        return new(users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.LockoutEnd, u.AccessFailedCount))
            .ToList(), total);
    }

    private static async Task<Dictionary<string, string>> RolesAsync(RescueDbContext db, List<string> userIds, CancellationToken ct) =>
        (await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
        .GroupBy(r => r.UserId)
        .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Name).Order()));

    /// <summary>Shown instead of "locked until 31 December 9999" for an admin's lock.</summary>
    public static string LockText(UserRow user, DateTimeOffset now) => user.LockoutEnd switch
    {
        { } end when end > now && end.Year > 9000 => "locked by an admin",
        { } end when end > now => $"locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "active",
    };
}
