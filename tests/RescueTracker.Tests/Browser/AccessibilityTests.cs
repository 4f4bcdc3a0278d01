using Microsoft.Playwright;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// axe-core on every page of the published app, on its own database: the public pages as a viewer without
/// JavaScript gets them (<see cref="AccessibilityNoScript"/>), the admin pages as a signed-in Admin gets them
/// once the Blazor circuit has rendered.
/// No serious or critical violation may be left; the failure lists every one on every page.
/// </summary>
[Collection(PublishedAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(PublishedApp published, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Email = "axe-admin@rescue.example";
    private const string Password = "a long enough admin password";

    [Fact]
    public async Task Public_pages_without_javascript_have_no_serious_or_critical_axe_violations()
    {
        var database = published.NewDatabasePath();
        await using var app = await published.StartAsync(CreateFolder(database));
        var pages = new AccessibilityPages(database);

        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, BrowserPage.Desktop, javaScript: true);
        await AccessibilityNoScript.BlockPageScriptsAsync(browserPage.Page);
        var violations = new List<string>();
        foreach (var target in await pages.PublicAsync())
        {
            await AccessibilityNavigation.OpenAsync(browserPage.Page, target, scriptsRun: false);
            violations.AddRange(await AccessibilityCheck.SeriousViolationsAsync(browserPage.Page, target.Path));
        }

        Assert.True(violations.Count == 0, AccessibilityCheck.Report(violations));
    }

    [Fact]
    public async Task Admin_pages_in_a_signed_in_circuit_have_no_serious_or_critical_axe_violations()
    {
        var database = published.NewDatabasePath();
        var admin = await CliProcess.RunAsync(published.PublishFolder, CreateFolder(database), Password + "\n", "create-admin", "--email", Email);
        Assert.True(admin.ExitCode == 0, $"create-admin failed:\n{admin}");
        await using var app = await published.StartAsync(database);
        var pages = new AccessibilityPages(database);
        await pages.AddUnattributedInflowAsync();

        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, BrowserPage.Desktop, javaScript: true);
        await SignInAsync(browserPage.Page);
        var violations = new List<string>();
        foreach (var target in await pages.AdminAsync(Email))
        {
            await AccessibilityNavigation.OpenAsync(browserPage.Page, target, scriptsRun: true);
            violations.AddRange(await AccessibilityCheck.SeriousViolationsAsync(browserPage.Page, target.Path));
        }

        Assert.True(violations.Count == 0, AccessibilityCheck.Report(violations));
    }

    private static string CreateFolder(string database)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        return database;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/admin/login");
        await page.FillAsync("input[type=email]", Email);
        await page.FillAsync("input[type=password]", Password);
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form[method=post] button[type=submit]"),
            r => r.Request.IsNavigationRequest && r.Status is not (>= 300 and < 400));
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(new Uri(page.Url).AbsolutePath == "/admin", $"Signing in ended on {page.Url}:\n{await page.InnerTextAsync("body")}");
    }
}
