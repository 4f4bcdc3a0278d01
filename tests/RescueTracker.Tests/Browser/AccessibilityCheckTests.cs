using System.Net;
using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// Proves the axe check the page tests rely on reports a broken page, lets a page through whose only finding is
/// moderate, and, with page scripts blocked, sees the page a browser without JavaScript shows: so its silence on
/// the app's pages means something.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AccessibilityCheckTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // An image without alt text, a nameless button, grey on white; a script that gives the page its language,
    // and a noscript image without alt text that only a browser without JavaScript shows.
    private const string Broken = """
        <!doctype html><html><head><title>probe</title><script src="/lang.js"></script></head><body><main>
        <h1>Probe</h1>
        <img src="/pixel.png">
        <noscript><img src="/fallback.png"></noscript>
        <button></button>
        <p style="color:#ccc;background:#fff">Hard to read</p>
        </main></body></html>
        """;

    // Clean but for a heading level skipped, which axe rates moderate.
    private const string ModerateOnly = """
        <!doctype html><html lang="en"><head><title>probe</title></head><body><main>
        <h1>Probe</h1><h3>Skipped a level</h3><p>Readable text.</p>
        </main></body></html>
        """;

    [Fact]
    public async Task Check_reports_each_serious_and_critical_violation_of_a_broken_page_with_the_rule_elements_and_help()
    {
        await using var browserPage = await OpenProbeAsync(Broken, scriptsRun: true);

        var violations = await AccessibilityCheck.SeriousViolationsAsync(browserPage.Page, "/probe");

        Assert.Equal(["button-name", "color-contrast", "image-alt"], Ids(violations));
        var imageAlt = violations.Single(v => v.Contains(" image-alt "));
        Assert.StartsWith("/probe: image-alt (critical) Images must have alternative text <https://", imageAlt);
        Assert.Equal(1, NodeCount(imageAlt));
        Assert.Contains("\n    img\n", imageAlt);
        Assert.Contains("Element does not have an alt attribute", imageAlt);
    }

    [Fact]
    public async Task With_page_scripts_blocked_the_check_sees_the_page_without_its_script_and_with_its_noscript_content()
    {
        await using var browserPage = await OpenProbeAsync(Broken, scriptsRun: false);

        var violations = await AccessibilityCheck.SeriousViolationsAsync(browserPage.Page, "/probe");

        Assert.Equal(["button-name", "color-contrast", "html-has-lang", "image-alt"], Ids(violations));
        Assert.Equal(2, NodeCount(violations.Single(v => v.Contains(" image-alt "))));
    }

    [Fact]
    public async Task Check_lets_a_page_through_whose_only_violation_is_moderate()
    {
        await using var browserPage = await OpenProbeAsync(ModerateOnly, scriptsRun: false);

        Assert.Empty(await AccessibilityCheck.SeriousViolationsAsync(browserPage.Page, "/probe"));
    }

    private static List<string> Ids(IEnumerable<string> violations) => [.. violations.Select(v => v.Split(' ')[1]).Order(StringComparer.Ordinal)];

    // Each element is one line indented by four spaces; what the checks found there is indented further.
    private static int NodeCount(string violation) => violation.Split('\n').Count(line => line.StartsWith("    ", StringComparison.Ordinal) && line[4] != ' ');

    private async Task<BrowserPage> OpenProbeAsync(string html, bool scriptsRun)
    {
        var browserPage = await BrowserPage.OpenAsync(chromium.Browser, new Uri("http://127.0.0.1:9/"), BrowserPage.Desktop, javaScript: true);
        // Answered inside the browser: nothing listens on that port and no request leaves the machine.
        await browserPage.Page.RouteAsync("**/*", route => route.FulfillAsync(route.Request.Url.EndsWith("/lang.js", StringComparison.Ordinal)
            ? new RouteFulfillOptions { Status = (int)HttpStatusCode.OK, ContentType = "text/javascript", Body = "document.documentElement.lang = 'en';" }
            : scriptsRun
                ? new RouteFulfillOptions { Status = (int)HttpStatusCode.OK, ContentType = "text/html", Body = html }
                : AccessibilityNoScript.WithoutScripts((int)HttpStatusCode.OK, [new("Content-Type", "text/html")], html)));
        await browserPage.GoToAsync("/probe");
        return browserPage;
    }
}
