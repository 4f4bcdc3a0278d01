using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>Sign-out ends the session on the server: for a copy of its cookie and for an interactive circuit it opened.</summary>
public class SessionRevocationTests
{
    [Fact]
    public async Task A_copied_cookie_opens_neither_the_admin_home_nor_the_users_page_after_sign_out()
    {
        await using var app = new TestApp(new TestAppOptions { ReconcilerLoop = false });
        var email = await app.CreateUserAsync(AdminRoles.Admin);
        using var browser = app.FormClient();
        var cookie = CookieHeader(await browser.SubmitSignInAsync(email, TestApp.Password));
        using var copy = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin/users")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/admin", "form.admin-signout", new Dictionary<string, string>())).StatusCode);

        foreach (var path in new[] { "/admin", "/admin/users" })
        {
            var response = await copy.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/login", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
        }
    }

    [Fact]
    public async Task An_open_admin_circuit_of_the_session_loses_its_user_after_sign_out()
    {
        await using var app = new TestApp(new TestAppOptions
        {
            ReconcilerLoop = false,
            Settings = new Dictionary<string, string?> { ["Admin:Session:RevalidationInterval"] = "00:00:01" },
        });
        var email = await app.CreateUserAsync(AdminRoles.Admin);
        using var browser = app.FormClient();
        var principal = await PrincipalOfAsync(app, await browser.SubmitSignInAsync(email, TestApp.Password));
        await using var circuit = app.Services.CreateAsyncScope();
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Assert.Equal(email, (await provider.GetAuthenticationStateAsync()).User.Identity?.Name);
        changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);

        await browser.SubmitAsync("/admin", "form.admin-signout", new Dictionary<string, string>());

        var after = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(after.User.Identity?.IsAuthenticated);
    }

    /// <summary>Every part of the sign-in cookie (it may come in chunks), as a browser would send it back.</summary>
    private static string CookieHeader(HttpResponseMessage signIn) =>
        string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("RescueTracker.Admin", StringComparison.Ordinal))
            .Select(c => c[..c.IndexOf(';')]));

    /// <summary>The user a circuit opened with this cookie starts with: the cookie's ticket, from the session store if there is one.</summary>
    private static async Task<ClaimsPrincipal> PrincipalOfAsync(TestApp app, HttpResponseMessage signIn)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var value = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("RescueTracker.Admin=", StringComparison.Ordinal));
        var ticket = options.TicketDataFormat.Unprotect(Uri.UnescapeDataString(value["RescueTracker.Admin=".Length..value.IndexOf(';')]))!;
        if (options.SessionStore is { } store)
            ticket = (await store.RetrieveAsync(ticket.Principal.FindFirstValue("Microsoft.AspNetCore.Authentication.Cookies-SessionId")!))!;
        return ticket.Principal;
    }
}
