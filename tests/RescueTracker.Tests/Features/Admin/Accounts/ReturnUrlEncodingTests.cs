using System.Net;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>
/// A non-ASCII return URL after the right password: a local one is kept, percent-encoded; anything else goes to /admin,
/// logged once. Over real sockets: Kestrel, unlike the in-memory server, refuses a non-ASCII response header.
/// </summary>
public class ReturnUrlEncodingTests(AppFixture<ReturnUrlEncodingTests.ShippedApp> fixture) : IClassFixture<AppFixture<ReturnUrlEncodingTests.ShippedApp>>
{
    public sealed class ShippedApp : IAppProfile
    {
        public TestAppOptions Options => new() { Kestrel = true, ReconcilerLoop = false };
    }

    private TestApp app => fixture.App;

    [Theory]
    [InlineData("/admin/pledges?q=é", "/admin/pledges?q=%C3%A9")]
    [InlineData("/admin/pledges?q=%C3%A9", "/admin/pledges?q=%C3%A9")]
    [InlineData("/admin/ü", "/admin/%C3%BC")]
    [InlineData("/admin/%C3%BC", "/admin/%C3%BC")]
    public async Task A_local_non_ascii_return_url_is_kept_percent_encoded(string returnUrl, string location)
    {
        foreach (var query in new[] { Uri.EscapeDataString(returnUrl), returnUrl })
        {
            var email = await app.CreateUserAsync(AdminRoles.Admin);
            using var browser = new FormClient(app.LoopbackClient());

            var response = await browser.SubmitSignInAsync(email, TestApp.Password, "/admin/login?ReturnUrl=" + query);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(browser.Client.BaseAddress + location[1..], response.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [InlineData("//évil.example/")]
    [InlineData("/\\évil.example")]
    [InlineData("https://évil.example/ü")]
    [InlineData("/admin/\u00A0évil")]
    public async Task A_non_ascii_return_url_that_is_not_local_lands_on_the_admin_home_logged_once(string returnUrl)
    {
        var email = await app.CreateUserAsync(AdminRoles.Admin);
        using var browser = new FormClient(app.LoopbackClient());

        var response = await browser.SubmitSignInAsync(email, TestApp.Password, "/admin/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(browser.Client.BaseAddress + "admin", response.Headers.Location!.OriginalString);
        Assert.Single(app.Logs.Entries, e => e.Message == $"Sign-in return URL refused, going to /admin: {Uri.EscapeDataString(returnUrl)}");
    }
}
