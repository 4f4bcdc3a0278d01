using System.Net;
using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>Proves the CSP watch the page tests rely on does see a violation, so its silence means something.</summary>
public sealed class CspWatchTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Csp_watch_reports_an_image_from_another_origin_the_policy_blocks()
    {
        var origin = new Uri("http://127.0.0.1:9/");
        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, origin, BrowserPage.Desktop, javaScript: false);
        // Answered inside the browser: nothing listens on that port and no request leaves the machine.
        await browserPage.Page.RouteAsync("**/*", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = (int)HttpStatusCode.OK,
            ContentType = "text/html",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = RescueTracker.Hosting.SecurityHeaders.ContentSecurityPolicy },
            Body = "<!doctype html><title>probe</title><img alt=\"probe\" src=\"http://127.0.0.2:9/elsewhere.png\">",
        }));

        await browserPage.GoToAsync("/csp-probe");

        Assert.NotEmpty(browserPage.CspViolations);
    }
}
