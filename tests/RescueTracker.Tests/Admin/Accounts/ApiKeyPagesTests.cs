using System.Net;
using System.Net.Http.Headers;

namespace RescueTracker.Tests.Admin.Accounts;

public class ApiKeyPagesTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    [Fact]
    public async Task A_new_key_is_shown_once_in_the_post_response_not_stored_and_not_shown_again()
    {
        using var admin = await SignedInAdminAsync();
        var name = $"deploy-{Guid.NewGuid():N}";

        var response = await admin.SubmitNamedAsync("/admin/api-keys", "create-key", new Dictionary<string, string> { ["Form.Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var created = await AdminBrowser.ParseAsync(response);
        var key = created.QuerySelector("#new-key")?.GetAttribute("value");
        Assert.True(key is not null, created.QuerySelector("main")?.InnerHtml);
        Assert.Matches("^rtk_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync(key!)).StatusCode);

        var (_, list) = await admin.GetAsync("/admin/api-keys");
        Assert.Null(list.QuerySelector("#new-key"));
        Assert.DoesNotContain(key![12..], list.Source.Text);
        var row = list.QuerySelectorAll("tr").Single(tr => tr.QuerySelector("td")?.TextContent == name);
        Assert.Contains(key[..12], row.TextContent);
        var audit = app.Database.CreateContext().AuditEntries.Single(e => e.Action == "apikey.create" && e.EntityLabel == name);
        Assert.Equal("apikey", audit.EntityType);
        Assert.DoesNotContain(key[12..], audit.After);
    }

    [Fact]
    public async Task An_admin_creates_a_key_for_an_editor_that_acts_as_the_editor()
    {
        using var admin = await SignedInAdminAsync();
        var editor = await app.CreateUserAsync("Editor");
        var editorId = app.Database.CreateContext().Users.Single(u => u.Email == editor).Id;

        var response = await admin.SubmitNamedAsync("/admin/api-keys", "create-key", new Dictionary<string, string> { ["Form.UserId"] = editorId, ["Form.Name"] = "editor script" });

        var key = (await AdminBrowser.ParseAsync(response)).QuerySelector("#new-key")!.GetAttribute("value")!;
        var whoami = await WhoAmIAsync(key);
        Assert.Contains($"\"userId\":\"{editorId}\"", await whoami.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoking_a_key_from_the_page_stops_it_and_is_audited()
    {
        using var admin = await SignedInAdminAsync();
        var key = await app.CreateApiKeyAsync(admin.Email, $"revoke-me-{Guid.NewGuid():N}");
        var prefix = key[..12];
        var stored = app.Database.CreateContext().ApiKeys.Single(k => k.Prefix == prefix);

        var response = await admin.SubmitNamedAsync("/admin/api-keys", $"revoke-{stored.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(key)).StatusCode);
        Assert.NotNull(app.Database.CreateContext().ApiKeys.Single(k => k.Id == stored.Id).RevokedAt);
        var audit = app.Database.CreateContext().AuditEntries.Single(e => e.Action == "apikey.revoke" && e.EntityId == stored.Id.ToString());
        Assert.Equal(admin.DisplayName, audit.Actor);
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_with_a_field_message()
    {
        using var admin = await SignedInAdminAsync();
        var keysBefore = app.Database.CreateContext().ApiKeys.Count();

        var response = await admin.SubmitNamedAsync("/admin/api-keys", "create-key", new Dictionary<string, string> { ["Form.Name"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AdminBrowser.ParseAsync(response);
        Assert.Null(page.QuerySelector("#new-key"));
        Assert.NotNull(page.QuerySelector(".validation-message"));
        Assert.Equal(keysBefore, app.Database.CreateContext().ApiKeys.Count());
    }

    private async Task<SignedInBrowser> SignedInAdminAsync()
    {
        var email = await app.CreateUserAsync("Admin");
        var browser = app.Browser();
        await browser.SignInAsync(email);
        return new SignedInBrowser(browser, email);
    }

    private async Task<HttpResponseMessage> WhoAmIAsync(string key)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }
}
