using System.Net;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

public class ProtectionTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Auth_and_antiforgery_cookies_are_http_only_and_same_site_strict_and_not_secure_over_plain_http()
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();

        var form = await browser.Client.GetAsync("/admin/login");
        var signIn = await browser.SubmitSignInAsync(email, TestApp.Password);

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        var antiforgery = Assert.Single(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var auth = Assert.Single(cookies, c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, auth })
        {
            var attributes = Attributes(cookie);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.DoesNotContain("secure", attributes);
        }
    }

    [Fact]
    public async Task Cookies_are_secure_when_a_loopback_proxy_forwards_an_https_request()
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var form = await browser.Client.GetAsync("/admin/login");
        // The cookie jar keeps secure cookies for https only; the client itself still talks plain http to the test server.
        var token = (await FormClient.ParseAsync(form)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = TestApp.Password,
            }),
        };
        request.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signIn = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal));
        Assert.Contains("secure", Attributes(auth));
        Assert.Contains("secure", Attributes(antiforgery));
    }

    [Fact]
    public async Task A_forwarded_https_header_from_a_non_proxy_address_is_ignored()
    {
        using var browser = app.FormClient();
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.Client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "203.0.113.9");

        var form = await browser.Client.GetAsync("/admin/login");

        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", Attributes(antiforgery));
    }

    [Theory]
    [InlineData("/admin/login")]
    [InlineData("/admin/denied")]
    [InlineData("/admin/users")]
    [InlineData("/api/admin/whoami")]
    public async Task Admin_responses_say_no_store_and_carry_the_security_headers(string path)
    {
        using var browser = app.FormClient();

        var response = await browser.Client.GetAsync(path);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(RescueTracker.Hosting.SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task Public_pages_are_not_marked_no_store()
    {
        using var browser = app.FormClient();

        var response = await browser.Client.GetAsync("/api/summary");

        Assert.NotEqual("no-store", response.Headers.CacheControl?.ToString());
    }

    private static List<string> Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
}
