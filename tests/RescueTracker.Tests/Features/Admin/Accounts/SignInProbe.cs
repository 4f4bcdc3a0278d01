using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>Sign-in form posts as one client address each, and an app whose clock the test moves.</summary>
internal static class SignInProbe
{
    public const string Wrong = "Email or password is wrong.";

    /// <summary>The app on a clock that stands still until the test advances it (no reconciler loop to wait on it).</summary>
    public static TestApp AppOn(FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null) => new(new TestAppOptions
    {
        ReconcilerLoop = false,
        Settings = settings ?? new Dictionary<string, string?>(),
        Services = services => services.AddSingleton<TimeProvider>(clock),
    });

    public static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    /// <summary>Reads the sign-in page and posts it as a browser at <paramref name="address"/> would.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitAsync(
        TestApp app, string address, string email, string password, string url = "/admin/login")
    {
        using var client = app.FormClient();
        client.Client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
        var response = await client.SubmitSignInAsync(email, password, url);
        var page = await FormClient.ParseAsync(response);
        return (response, page);
    }

    public static string? Alert(IHtmlDocument page) => page.QuerySelector("[role=alert]")?.TextContent.Trim();

    public static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("RescueTracker.Admin", StringComparison.Ordinal));

    /// <summary>The n-th of many client addresses, all distinct (documentation range 198.18.0.0/15).</summary>
    public static string Address(int n) => $"198.18.{n / 250}.{n % 250 + 1}";
}
