using System.Net;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting.Caching;

/// <summary>Admin pages, the admin API and anything a signed-in user asks for: never stored, never shared.</summary>
public class PrivateAnswersTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("/admin/login")]
    [InlineData("/admin/denied")]
    public async Task Admin_pages_are_no_store_rendered_every_time_and_not_compressed(string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var first = await HttpAnswers.GetAsync(client, path, "br");
        var second = await HttpAnswers.GetAsync(client, path, "br");

        foreach (var response in new[] { first, second })
        {
            Assert.Equal("no-store", Assert.Single(response.Headers.GetValues("Cache-Control")));
            Assert.Null(response.Headers.Age);
            Assert.Null(response.Headers.ETag);
            // Antiforgery tokens beside reflected input: compression over TLS would open them to BREACH.
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Admin_api_answers_are_no_store_and_never_served_from_the_cache()
    {
        using var client = await app.EditorClientAsync();

        var first = await HttpAnswers.GetAsync(client, "/api/admin/pledges/1", "br");
        var second = await HttpAnswers.GetAsync(client, "/api/admin/pledges/1", "br");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.All([first, second], r => Assert.Equal("no-store", Assert.Single(r.Headers.GetValues("Cache-Control"))));
        Assert.All([first, second], r => Assert.Null(r.Headers.Age));
    }

    [Fact]
    public async Task An_api_key_on_a_public_answer_bypasses_the_cache_and_gets_no_store()
    {
        using var anonymous = app.CreateClient();
        using var withKey = await app.EditorClientAsync();
        await HttpAnswers.GetAsync(anonymous, "/api/summary", "br");
        await HttpAnswers.GetAsync(anonymous, "/api/summary", "br");

        var keyed = await HttpAnswers.GetAsync(withKey, "/api/summary", "br");

        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Null(keyed.Headers.Age);
        Assert.Equal("private, no-store", keyed.Headers.NonValidated["Cache-Control"].ToString());
    }

    [Fact]
    public async Task A_signed_in_admin_gets_the_public_pages_fresh_and_private_and_they_show_nothing_of_the_account()
    {
        using var anonymous = app.CreateClient();
        using var admin = await app.SignedInAsync(AdminRoles.Admin);
        foreach (var path in new[] { "/", "/pledges", "/pledges/1", "/transfers", "/status" })
        {
            var shared = await HttpAnswers.GetAsync(anonymous, path);
            await HttpAnswers.GetAsync(anonymous, path);

            var own = await HttpAnswers.GetAsync(admin.Client, path);

            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Null(own.Headers.Age);
            Assert.Null(own.Headers.ETag);
            Assert.Equal("private, no-store", own.Headers.NonValidated["Cache-Control"].ToString());
            // The public layout has no account menu: the page an admin sees is the anonymous one, byte for byte.
            Assert.Equal(HttpAnswers.Page(await shared.Content.ReadAsByteArrayAsync()), HttpAnswers.Page(await own.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task Signing_in_tells_the_browser_to_drop_the_public_pages_it_kept_from_before()
    {
        var email = await app.CreateUserAsync(AdminRoles.Editor, displayName: "Cache Clearer");
        using var browser = new FormClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

        var signedIn = await browser.SubmitSignInAsync(email, TestApp.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("\"cache\"", signedIn.Headers.NonValidated["Clear-Site-Data"].ToString());
    }

    [Fact]
    public async Task A_public_error_answer_is_not_stored()
    {
        using var client = app.CreateClient();

        var first = await HttpAnswers.GetAsync(client, "/api/pledges/999", "br");
        var second = await HttpAnswers.GetAsync(client, "/api/pledges/999", "br");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (first.StatusCode, second.StatusCode));
        Assert.Null(second.Headers.Age);
        Assert.Null(second.Headers.ETag);
        Assert.Equal("Pledge not found", System.Text.Json.JsonDocument.Parse(await HttpAnswers.DecodedAsync(second)).RootElement.GetProperty("title").GetString());
    }
}
