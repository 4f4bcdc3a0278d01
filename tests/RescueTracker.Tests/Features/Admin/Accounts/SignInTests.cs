using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Logging;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

public class SignInTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Sign_in_page_has_a_post_form_first_with_labelled_email_and_password_inputs()
    {
        using var browser = app.FormClient();
        var (response, page) = await browser.GetAsync("/admin/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        Assert.Same(page.QuerySelector("form[method=post]"), form);
        var email = Assert.Single(form.QuerySelectorAll<IHtmlInputElement>("input[type=email]"));
        var password = Assert.Single(form.QuerySelectorAll<IHtmlInputElement>("input[type=password]"));
        Assert.NotNull(page.QuerySelector($"label[for='{email.Id}']"));
        Assert.NotNull(page.QuerySelector($"label[for='{password.Id}']"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Right_password_redirects_to_the_admin_home_and_the_cookie_opens_it()
    {
        var email = await app.CreateUserAsync("Admin");
        using var browser = app.FormClient();

        var response = await browser.SubmitSignInAsync(email, TestApp.Password);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{(int)response.StatusCode}");
        Assert.Equal("/admin", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal));
        var (home, page) = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("Admin", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/admin/users']"));
    }

    [Fact]
    public async Task Wrong_password_shows_the_sign_in_page_again_with_a_message_and_sets_no_auth_cookie()
    {
        var email = await app.CreateUserAsync("Admin");
        using var browser = app.FormClient();

        var response = await browser.SubmitSignInAsync(email, "not the right password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal("Email or password is wrong.", page.QuerySelector("[role=alert]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form[method=post] input[type=password]"));
        Assert.DoesNotContain("not the right password", page.Source.Text);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_message_as_a_wrong_password()
    {
        using var browser = app.FormClient();

        var response = await browser.SubmitSignInAsync("nobody@rescue.example", TestApp.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Email or password is wrong.", (await FormClient.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Five_wrong_passwords_make_even_the_right_password_wait_with_429()
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitSignInAsync(email, $"wrong password {attempt}")).StatusCode);
        var response = await browser.SubmitSignInAsync(email, TestApp.Password);

        // The first wait is 5 s (SignInThrottle): the sixth attempt comes well within it.
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.StartsWith("Too many failed sign-ins. Try again in ",
            (await FormClient.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent.Trim());
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/admin")).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Sign-in throttled: {email} from ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_sign_ins_are_logged_with_the_email_and_never_the_password()
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();

        await browser.SubmitSignInAsync(email, "a-secret-that-must-not-be-logged");

        Assert.Contains(app.Logs.Entries, e => e.Message == $"Sign-in failed: {email}");
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("a-secret-that-must-not-be-logged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("http:evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_to_another_site_lands_on_the_admin_home_instead(string returnUrl)
    {
        var email = await app.CreateUserAsync("Admin");
        using var browser = app.FormClient();

        var response = await browser.SubmitSignInAsync(email, TestApp.Password, "/admin/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{(int)response.StatusCode}");
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal("/admin", location.AbsolutePath);
    }

    [Fact]
    public async Task A_local_return_url_is_where_sign_in_leads()
    {
        var email = await app.CreateUserAsync("Admin");
        using var browser = app.FormClient();

        var response = await browser.SubmitSignInAsync(email, TestApp.Password, "/admin/login?ReturnUrl=%2Fadmin%2Fapi-keys");

        Assert.Equal("/admin/api-keys", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_sign_in_post_without_an_antiforgery_token_is_refused_with_400_and_signs_nobody_in()
    {
        var email = await app.CreateUserAsync("Admin");
        using var browser = app.FormClient();
        await browser.GetAsync("/admin/login");

        var response = await browser.PostAsync("/admin/login", new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = TestApp.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sign_out_is_a_post_with_a_token_and_ends_the_session()
    {
        var email = await app.CreateUserAsync("Editor");
        using var browser = app.FormClient();
        await browser.SignInAsync(email);

        var withoutToken = await browser.PostAsync("/admin/logout", new Dictionary<string, string> { ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);

        var signOut = await browser.SubmitAsync("/admin", "form.admin-signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/admin")).StatusCode);
    }
}
