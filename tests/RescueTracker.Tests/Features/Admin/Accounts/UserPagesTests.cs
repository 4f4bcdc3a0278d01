using System.Text.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Admin.Accounts.Pages;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>The users pages in the circuit, with the app's Identity on a real database: create, change role, lock and unlock.</summary>
public class UserPagesTests : AccountComponentTest
{
    private const string EmailLabel = "Email";
    private const string NameLabel = "Display name (shown in the public status history; default: the part before the @)";
    private const string PasswordLabel = "Initial password (at least 12 characters; hand it over privately)";

    [Fact]
    public async Task An_admin_creates_an_editor_who_appears_in_the_grid_and_the_audit_entry_names_both_without_the_password()
    {
        var email = $"new-editor-{Guid.NewGuid():N}@rescue.example";
        var page = this.RenderPage<Users>();

        await page.FillAsync(EmailLabel, email);
        await page.FillAsync(NameLabel, "Nadia Editor");
        await page.FillAsync(PasswordLabel, "twelve chars ok");
        await page.ClickButtonAsync("Create user");

        Assert.Equal([$"Created the account for {email}."], this.Snackbars());
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("td[data-label=Email]"), td => td.TextContent.Trim() == email));
        await using var db = Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.Equal("Nadia Editor", user.DisplayName);
        Assert.Equal(["Editor"], await RolesAsync(email));
        Assert.True(await WithUsersAsync(users => users.CheckPasswordAsync(user, "twelve chars ok")));
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "user.create" && e.EntityId == user.Id);
        Assert.Equal(("user", email, Admin.DisplayName), (audit.EntityType, audit.EntityLabel, audit.Actor));
        Assert.DoesNotContain("twelve chars ok", audit.After);
        Assert.Equal("Editor", JsonDocument.Parse(audit.After!).RootElement.GetProperty("role").GetString());
        Assert.Equal("", page.Input(EmailLabel).GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("eleven char", PasswordLabel, "Passwords must be at least 12 characters.")]
    [InlineData("x", EmailLabel, "is not an email address")]
    [InlineData("", EmailLabel, "Enter an email address.")]
    public async Task A_bad_new_user_shows_the_message_beside_its_field_and_creates_nothing(string value, string label, string message)
    {
        var usersBefore = await Database.CreateContext().Users.CountAsync();
        var page = this.RenderPage<Users>();

        await page.FillAsync(EmailLabel, label == EmailLabel ? value : $"short-{Guid.NewGuid():N}@rescue.example");
        await page.FillAsync(PasswordLabel, label == PasswordLabel ? value : "long enough password");
        await page.ClickButtonAsync("Create user");

        Assert.Contains(message, page.ErrorBeside(label));
        Assert.Empty(this.Snackbars());
        Assert.Equal(usersBefore, await Database.CreateContext().Users.CountAsync());
    }

    [Fact]
    public async Task An_existing_email_is_refused_beside_the_email()
    {
        var existing = await CreateUserAsync(AdminRoles.Editor, "Existing Editor");
        var page = this.RenderPage<Users>();

        await page.FillAsync(EmailLabel, existing.Email!);
        await page.ChooseAsync("Role", "Admin");
        await page.FillAsync(PasswordLabel, "long enough password");
        await page.ClickButtonAsync("Create user");

        Assert.Equal($"An account for {existing.Email} exists already.", page.ErrorBeside(EmailLabel));
        Assert.Equal(["Editor"], await RolesAsync(existing.Email!));
    }

    [Fact]
    public async Task The_users_grid_searches_by_name_in_the_database()
    {
        var wanted = await CreateUserAsync(AdminRoles.Editor, "Quentin Quarry");
        await CreateUserAsync(AdminRoles.Editor, "Other Person");
        var page = this.RenderPage<Users>();

        await page.FillAsync("Email or name contains", "quarry");

        page.WaitForAssertion(() => Assert.Equal([wanted.Email], page.FindAll("td[data-label=Email]").Select(td => td.TextContent.Trim())));
        Assert.Equal("Editor", page.Find("td[data-label=Role]").TextContent.Trim());
        Assert.Equal($"/admin/users/{wanted.Id}", page.Find("td[data-label=Actions] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Changing_a_role_saves_it_and_records_before_and_after()
    {
        var user = await CreateUserAsync(AdminRoles.Editor, "Role Changer");
        var page = this.RenderPage<UserDetail>(("Id", user.Id));

        await page.ChooseAsync("Role", "Admin");
        await page.ClickButtonAsync("Change role");

        Assert.Equal(["Admin"], await RolesAsync(user.Email!));
        Assert.Equal([$"{user.Email} is now Admin."], this.Snackbars());
        var audit = await Database.CreateContext().AuditEntries.SingleAsync(e => e.Action == "user.role" && e.EntityId == user.Id);
        Assert.Equal(("""{"roles":["Editor"]}""", """{"roles":["Admin"]}"""), (audit.Before, audit.After));
    }

    [Fact]
    public async Task Locking_asks_first_then_locks_until_unlocked_and_both_changes_are_audited()
    {
        var user = await CreateUserAsync(AdminRoles.Editor, "Lock Target");
        var page = this.RenderPage<UserDetail>(("Id", user.Id));

        await page.ConfirmAsync(() => page.ClickButtonAsync("Lock"), "Cancel");
        Assert.False(await WithUsersAsync(async users => await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!)));

        await page.ConfirmAsync(() => page.ClickButtonAsync("Lock"), "Lock");
        Assert.True(await WithUsersAsync(async users => await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!)));
        Assert.Contains("locked by an admin", page.Find(".user-summary").TextContent);

        await page.ClickButtonAsync("Unlock");
        Assert.False(await WithUsersAsync(async users => await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!)));
        Assert.Equal([$"Locked {user.Email}.", $"Unlocked {user.Email}."], this.Snackbars());
        Assert.Equal(["user.lock", "user.unlock"], await Database.CreateContext().AuditEntries
            .Where(e => e.EntityId == user.Id && (e.Action == "user.lock" || e.Action == "user.unlock")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task An_admin_cannot_change_their_own_role()
    {
        var page = this.RenderPage<UserDetail>(("Id", Admin.Id));

        await page.ChooseAsync("Role", "Editor");
        await page.ClickButtonAsync("Change role");

        Assert.Equal("You cannot change your own role: ask another admin.", page.ErrorBeside("Role"));
        Assert.Equal(["Admin"], await RolesAsync(Admin.Email!));
    }
}
