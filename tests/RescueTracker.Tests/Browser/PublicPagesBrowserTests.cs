using Microsoft.Playwright;
using RescueTracker.Tests.EndToEnd;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// The public pages in a real browser against the published app: desktop with JavaScript off (the
/// pages must not need it), phone width with it on, no CSP violation in either, screenshots kept.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class PublicPagesBrowserTests(PublishedApp published, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Dashboard_shows_the_gap_and_what_stays_uncovered_on_desktop_without_javascript_and_on_a_phone()
    {
        await AssertPageAsync("/", "dashboard", "68,900", "25,400", "Lido Finance");
    }

    [Fact]
    public async Task Pledge_page_shows_the_pledger_on_desktop_without_javascript_and_on_a_phone()
    {
        await AssertPageAsync("/pledges/1", "pledge", "Lido Finance", "2,500", "stETH");
    }

    private async Task AssertPageAsync(string path, string screenshotName, params string[] texts)
    {
        var app = await published.SharedAsync();
        foreach (var (viewport, javaScript, suffix) in new[] { (BrowserPage.Desktop, false, "desktop"), (BrowserPage.Mobile, true, "mobile") })
        {
            await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, viewport, javaScript);
            await browserPage.GoToAsync(path);

            // innerText holds only what is rendered, so hidden markup cannot satisfy these.
            var visible = await browserPage.Page.InnerTextAsync("body");
            foreach (var text in texts) Assert.True(visible.Contains(text, StringComparison.Ordinal), $"{path} ({suffix}) does not show \"{text}\":\n{visible}");

            var screenshot = await browserPage.ScreenshotAsync($"{screenshotName}-{suffix}.png");
            Assert.True(new FileInfo(screenshot).Length > 0, $"{screenshot} is empty");
            Assert.Empty(browserPage.CspViolations);
        }
    }
}
