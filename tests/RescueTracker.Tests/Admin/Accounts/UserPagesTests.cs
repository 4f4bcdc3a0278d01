using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;

namespace RescueTracker.Tests.Admin.Accounts;

public class UserPagesTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    [Fact]
    public async Task An_admin_creates_an_editor_who_can_then_sign_in_and_the_audit_entry_names_both_without_the_password()
    {
        using var admin = await SignedInAdminAsync();
        var email = $"new-editor-{Guid.NewGuid():N}@rescue.example";

        var response = await admin.SubmitNamedAsync("/admin/users", "create-user", new Dictionary<string, string>
        {
            ["Form.Email"] = email, ["Form.DisplayName"] = "Nadia Editor", ["Form.Role"] = "Editor", ["Form.Password"] = "twelve chars ok",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (list, page) = await admin.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(page.QuerySelectorAll("td"), td => td.TextContent == email);
        await using var db = app.Database.CreateContext();
        var user = db.Users.Single(u => u.Email == email);
        Assert.Equal("Nadia Editor", user.DisplayName);
        Assert.Equal(["Editor"], await RolesAsync(email));
        var audit = db.AuditEntries.Single(e => e.Action == "user.create" && e.EntityId == user.Id);
        Assert.Equal("user", audit.EntityType);
        Assert.Equal(email, audit.EntityLabel);
        Assert.Equal(admin.DisplayName, audit.Actor);
        Assert.DoesNotContain("twelve chars ok", audit.After);
        Assert.Equal("Editor", JsonDocument.Parse(audit.After!).RootElement.GetProperty("role").GetString());

        using var editor = app.Browser();
        await editor.SignInAsync(email, "twelve chars ok");
    }

    [Theory]
    [InlineData("eleven char", "Form.Password", "Passwords must be at least 12 characters.")]
    [InlineData("x", "Form.Email", "is not an email address")]
    public async Task A_bad_new_user_shows_the_message_beside_its_field_and_creates_nothing(string value, string field, string message)
    {
        using var admin = await SignedInAdminAsync();
        var email = field == "Form.Email" ? value : $"short-{Guid.NewGuid():N}@rescue.example";
        var usersBefore = app.Database.CreateContext().Users.Count();

        var response = await admin.SubmitNamedAsync("/admin/users", "create-user", new Dictionary<string, string>
        {
            ["Form.Email"] = email, ["Form.Role"] = "Editor", ["Form.Password"] = field == "Form.Password" ? value : "long enough password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AdminBrowser.ParseAsync(response);
        Assert.Contains(page.QuerySelectorAll(".validation-message"), m => m.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.Equal(usersBefore, app.Database.CreateContext().Users.Count());
    }

    [Fact]
    public async Task An_existing_email_is_refused_with_a_message()
    {
        using var admin = await SignedInAdminAsync();
        var existing = await app.CreateUserAsync("Editor");

        var response = await admin.SubmitNamedAsync("/admin/users", "create-user", new Dictionary<string, string>
        {
            ["Form.Email"] = existing, ["Form.Role"] = "Admin", ["Form.Password"] = "long enough password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(existing + " exists already", (await AdminBrowser.ParseAsync(response)).QuerySelector(".validation-message")?.TextContent);
        Assert.Equal(["Editor"], await RolesAsync(existing));
    }

    [Fact]
    public async Task Changing_a_role_saves_it_and_records_before_and_after()
    {
        using var admin = await SignedInAdminAsync();
        var email = await app.CreateUserAsync("Editor");
        var id = app.Database.CreateContext().Users.Single(u => u.Email == email).Id;

        var response = await admin.SubmitNamedAsync($"/admin/users/{id}", "role", new Dictionary<string, string> { ["Role.Role"] = "Admin" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Admin"], await RolesAsync(email));
        var audit = app.Database.CreateContext().AuditEntries.Single(e => e.Action == "user.role" && e.EntityId == id);
        Assert.Equal("""{"roles":["Editor"]}""", audit.Before);
        Assert.Equal("""{"roles":["Admin"]}""", audit.After);
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked_and_both_changes_are_audited()
    {
        using var admin = await SignedInAdminAsync();
        var email = await app.CreateUserAsync("Editor");
        var id = app.Database.CreateContext().Users.Single(u => u.Email == email).Id;

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitNamedAsync($"/admin/users/{id}", "lock")).StatusCode);
        using var user = app.Browser();
        var refused = await user.SubmitSignInAsync(email, AdminAppFactory.Password);
        Assert.Equal("This account is locked. Ask an admin to unlock it.", (await AdminBrowser.ParseAsync(refused)).QuerySelector("[role=alert]")?.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitNamedAsync($"/admin/users/{id}", "lock")).StatusCode);
        await user.SignInAsync(email);
        Assert.Equal(["user.lock", "user.unlock"],
            app.Database.CreateContext().AuditEntries.Where(e => e.EntityId == id && (e.Action == "user.lock" || e.Action == "user.unlock"))
                .OrderBy(e => e.Id).Select(e => e.Action).ToList());
    }

    [Fact]
    public async Task An_admin_cannot_change_their_own_role()
    {
        using var admin = await SignedInAdminAsync();
        var id = app.Database.CreateContext().Users.Single(u => u.Email == admin.Email).Id;

        var response = await admin.SubmitNamedAsync($"/admin/users/{id}", "role", new Dictionary<string, string> { ["Role.Role"] = "Editor" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("own role", (await AdminBrowser.ParseAsync(response)).QuerySelector(".validation-message")?.TextContent);
        Assert.Equal(["Admin"], await RolesAsync(admin.Email));
    }

    private async Task<SignedInBrowser> SignedInAdminAsync()
    {
        var email = await app.CreateUserAsync("Admin");
        var browser = app.Browser();
        await browser.SignInAsync(email);
        return new SignedInBrowser(browser, email);
    }

    private async Task<IList<string>> RolesAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }
}

/// <summary>A browser signed in as a known account.</summary>
public sealed class SignedInBrowser(AdminBrowser browser, string email) : IDisposable
{
    public string Email => email;
    public string DisplayName => email.Split('@')[0];
    public HttpClient Client => browser.Client;
    public Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> GetAsync(string url) => browser.GetAsync(url);
    public Task<HttpResponseMessage> SubmitNamedAsync(string url, string formName, IReadOnlyDictionary<string, string>? fields = null) => browser.SubmitNamedAsync(url, formName, fields);
    public void Dispose() => browser.Dispose();
}
