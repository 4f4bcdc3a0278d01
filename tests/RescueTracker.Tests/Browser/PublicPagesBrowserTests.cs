using Microsoft.Playwright;
using RescueTracker.Tests.EndToEnd;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// The public pages in a real browser against the published app, with JavaScript off (they must not need it) at
/// desktop and phone width: the text is there, nothing scrolls sideways at 360 px, the CSP is never violated and
/// no circuit is opened. The dashboard's screenshots are the ones the README shows.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class PublicPagesBrowserTests(PublishedApp published, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    public static TheoryData<string, string[]> Pages => new()
    {
        { "/", ["Uncovered now", "68,900 ETH", "25,400 ETH", "Lido Finance", "No chain is watched yet"] },
        { "/pledges", ["All pledges", "Mantle", "30,000 ETH"] },
        { "/pledges?page=1&sort=pledger-asc", ["pledger A to Z", "Ethena"] },
        { "/pledges/1", ["Lido Finance", "2,500 stETH", "Status history"] },
        { "/?exclude=conditional", ["Scenario: conditional pledges left out.", "27,900 ETH", "If loans are excluded", "Back to every pledge"] },
        { "/transfers", ["No transfer has been read yet."] },
        { "/contributors", ["Contributors", "0 wallets and 0 confirmed transfers counted", "No confirmed transfer has been read yet"] },
        { "/discrepancies", ["Discrepancies", "No discrepancy: every inflow counts toward a pledge", "Export CSV"] },
        { "/status", ["Chain status", "not configured", "Chains__42161__RpcUrl", "No recovery address is known yet."] },
        { "/no-such-page", ["Not found", "There is no page at this address."] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Public_page_is_complete_without_javascript_fits_360_px_and_opens_no_circuit(string path, string[] texts)
    {
        var app = await published.SharedAsync();
        foreach (var viewport in new[] { BrowserPage.Desktop, BrowserPage.Mobile })
        {
            await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, viewport, javaScript: false);
            var requests = new List<string>();
            browserPage.Page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
            await browserPage.GoToAsync(path, expectedStatus: path == "/no-such-page" ? 404 : 200);

            // innerText holds only what is rendered, so hidden markup cannot satisfy these.
            var visible = await browserPage.Page.InnerTextAsync("body");
            foreach (var text in texts) Assert.True(visible.Contains(text, StringComparison.Ordinal), $"{path} at {viewport.Width} px does not show \"{text}\":\n{visible}");
            var width = await browserPage.Page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
            Assert.True(width <= viewport.Width, $"{path} at {viewport.Width} px is {width} px wide");
            Assert.Empty(browserPage.CspViolations);
            lock (requests) Assert.DoesNotContain(requests, url => url.Contains("/_blazor", StringComparison.Ordinal) || url.Contains("blazor.web", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Dashboard_screenshots_for_the_readme_at_desktop_and_phone_width()
    {
        var app = await published.SharedAsync();
        foreach (var (viewport, name) in new[] { (BrowserPage.Desktop, "dashboard.png"), (BrowserPage.Mobile, "dashboard-mobile.png") })
        {
            await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, viewport, javaScript: false);
            await browserPage.GoToAsync("/");
            var screenshot = await browserPage.ScreenshotAsync(name, ReadmeScreenshots.Folder);
            Assert.True(new FileInfo(screenshot).Length > 0, $"{screenshot} is empty");
        }
    }

    [Fact]
    public async Task Waterfall_on_a_phone_is_rows_of_readable_text_not_a_shrunken_chart()
    {
        var app = await published.SharedAsync();
        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, BrowserPage.Mobile, javaScript: false);
        await browserPage.GoToAsync("/");

        Assert.False(await browserPage.Page.Locator("svg.waterfall-svg").IsVisibleAsync());
        var sizes = await browserPage.Page.EvaluateAsync<double[]>(
            "[...document.querySelectorAll('.waterfall-step .step-label, .waterfall-step .step-value')].map(e => parseFloat(getComputedStyle(e).fontSize))");
        Assert.Equal(14, sizes.Length);
        Assert.All(sizes, size => Assert.True(size >= 14, $"waterfall text at {size} px"));
    }

    [Fact]
    public async Task Api_page_draws_the_reference_from_the_openapi_document_under_the_csp()
    {
        var app = await published.SharedAsync();
        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, BrowserPage.Desktop, javaScript: true);
        await browserPage.GoToAsync("/");
        var document = browserPage.Page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        await browserPage.Page.ClickAsync("nav[aria-label=Main] >> text=API");

        Assert.Equal("/api-docs", new Uri(browserPage.Page.Url).AbsolutePath);
        Assert.Equal(200, (await document).Status);
        // Scalar draws the document's title and its tag groups once it has read the document.
        await browserPage.Page.GetByText("RescueTracker | v1").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await browserPage.Page.GetByText("Public", new PageGetByTextOptions { Exact = true }).First.WaitForAsync();
        await browserPage.ScreenshotAsync("api-docs.png");
        Assert.Empty(browserPage.CspViolations);
    }
}
