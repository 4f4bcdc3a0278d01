using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts.Pages;

internal static class UserQueries
{
    public static async Task<List<UserRow>> ListAsync(RescueDbContext db, string? userId = null)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => userId == null || u.Id == userId)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.AccessFailedCount })
            .ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName,
            string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order()), u.LockoutEnd, u.AccessFailedCount)).ToList();
    }

    /// <summary>Shown instead of "locked until 31 December 9999" for an admin's lock.</summary>
    public static string LockText(UserRow user, DateTimeOffset now) => user.LockoutEnd switch
    {
        { } end when end > now && end.Year > 9000 => "locked by an admin",
        { } end when end > now => $"locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "active",
    };
}
