using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>The two roles are part of the product, not data: every database gets them after migrating.</summary>
public static class AdminRoleSeeding
{
    public static async Task EnsureRolesAsync(this RescueDbContext db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.NormalizedName).ToListAsync(ct);
        foreach (var role in AdminRoles.All.Where(r => !existing.Contains(r.ToUpperInvariant())))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        await db.SaveChangesAsync(ct);
    }
}
