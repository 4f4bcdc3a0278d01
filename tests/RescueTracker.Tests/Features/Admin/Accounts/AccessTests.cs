using System.Net;
using Microsoft.Extensions.Logging;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

public class AccessTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    [InlineData("/admin/api-keys")]
    public async Task Anonymous_visitors_of_admin_pages_are_sent_to_sign_in_with_the_page_as_return_url(string path)
    {
        using var browser = app.FormClient();

        await browser.AssertSentToSignInAsync(path);
    }

    [Theory]
    [InlineData("GET", "/api/admin/whoami")]
    [InlineData("POST", "/api/admin/pledges")]
    public async Task Anonymous_admin_api_calls_get_401_problem_details_and_never_a_redirect(string method, string path)
    {
        using var browser = app.FormClient();

        var response = await browser.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/api-keys")]
    public async Task An_editor_is_refused_admin_only_pages_with_the_403_access_denied_page(string path)
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();
        await browser.SignInAsync(email);

        var response = await browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var denied = await browser.Client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("Access denied", (await FormClient.ParseAsync(denied)).QuerySelector("h1")?.TextContent);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message == $"Access denied: {email} may not GET {path}");
    }

    [Fact]
    public async Task An_editor_reaches_the_admin_home_but_sees_no_admin_only_sections()
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();
        await browser.SignInAsync(email);

        var (response, page) = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("a[href='/admin/users']"));
        Assert.Null(page.QuerySelector("a[href='/admin/api-keys']"));
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_does_not_authenticate_the_admin_api()
    {
        var email = await app.CreateUserAsync("Admin");
        using var browser = app.FormClient();
        await browser.SignInAsync(email);

        var response = await browser.Client.GetAsync("/api/admin/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task There_is_no_sign_up_page()
    {
        using var browser = app.FormClient();

        foreach (var path in new[] { "/admin/register", "/admin/signup", "/register", "/Account/Register" })
            Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync(path)).StatusCode);
    }
}
