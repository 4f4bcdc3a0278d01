using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// An account page rendered by bUnit with the app's Identity (UserManager, its EF stores, the password rules) and
/// <see cref="AccountService"/> on the seeded database, signed in as a real Admin account of that database.
/// </summary>
public abstract class AccountComponentTest : AdminComponentTest
{
    public const string Password = "a long enough test passphrase";

    protected AccountComponentTest()
    {
        // The app registers the context with its factory; Identity's stores take it from the scope.
        Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContext());
        Services.AddAdminIdentity();
        Services.AddAccountPages();
    }

    /// <summary>The signed-in admin's account.</summary>
    protected AdminUser Admin { get; private set; } = default!;

    protected override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateContext()) await db.EnsureRolesAsync(CancellationToken.None);
        Admin = await CreateUserAsync(AdminRoles.Admin, "Ada Admin");
        Auth.SetAuthorized(Admin.Email!);
        Auth.SetRoles(AdminRoles.Admin);
        Auth.SetClaims(new Claim(AdminClaims.DisplayName, Admin.DisplayName), new Claim(ClaimTypes.NameIdentifier, Admin.Id));
    }

    protected async Task<AdminUser> CreateUserAsync(string role, string displayName)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@rescue.example";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(Actor.CommandLine, email, displayName, role, Password, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().FindByEmailAsync(email))!;
    }

    protected async Task<T> WithUsersAsync<T>(Func<UserManager<AdminUser>, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>());
    }

    protected Task<IList<string>> RolesAsync(string email) =>
        WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
}
