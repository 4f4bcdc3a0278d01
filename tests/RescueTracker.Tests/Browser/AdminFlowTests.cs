using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RescueTracker.Tests.Admin.Accounts;
using RescueTracker.Tests.EndToEnd;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// The admin's whole round in a real browser with JavaScript off, against the published app on its own database:
/// sign in, enter a proposal, move it to committed, and watch the public dashboard's figures follow each step.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class AdminFlowTests(PublishedApp published, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Email = "admin@rescue.example";
    private const string Password = "a long enough admin password";

    [Fact]
    public async Task Admin_signs_in_enters_a_proposal_commits_it_and_the_dashboard_figures_follow()
    {
        // Its own database: this test writes, and the shared app's figures must stay the seed's.
        var database = published.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var admin = await CliProcess.RunAsync(published.PublishFolder, database, Password + "\n", "create-admin", "--email", Email);
        Assert.True(admin.ExitCode == 0, $"create-admin failed:\n{admin}");

        await using var app = await published.StartAsync(database);
        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, BrowserPage.Desktop, javaScript: false);
        var page = browserPage.Page;

        // The seed's figures first, so the changes below are the form's doing.
        await browserPage.GoToAsync("/");
        await AssertFigureAsync(page, "Outstanding proposed", "37,500 ETH");
        await AssertFigureAsync(page, "Outstanding committed", "6,000 ETH");
        await AssertFigureAsync(page, "Uncovered if every pledge arrives", "25,400 ETH");

        await browserPage.GoToAsync("/admin/login");
        await page.FillAsync("input[type=email]", Email);
        await page.FillAsync("input[type=password]", Password);
        await browserPage.ScreenshotAsync("admin-login.png");
        await SubmitAsync(page, "form[method=post] button[type=submit]");
        Assert.Equal("/admin", new Uri(page.Url).AbsolutePath);

        await browserPage.GoToAsync("/admin/pledges/new");
        await page.FillAsync("#pledge-pledger", "Aave DAO");
        await page.FillAsync("#pledge-amount", "25000");
        await page.SelectOptionAsync("#pledge-asset", "ETH");
        await page.SelectOptionAsync("#pledge-status", "proposed");
        await page.SelectOptionAsync("#pledge-terms", "grant");
        await page.FillAsync("#pledge-source", "https://governance.aave.com/t/defi-united-grant/1");
        await browserPage.ScreenshotAsync("admin-new-pledge.png");
        await SubmitAsync(page, "form.admin-form button[type=submit]");

        // The form redirects to the list with the new pledge's id; the status page is reached from there.
        var created = new Uri(page.Url);
        Assert.Equal("/admin/pledges", created.AbsolutePath);
        var id = Regex.Match(created.Query, @"[?&]id=(\d+)").Groups[1].Value;
        Assert.True(id.Length > 0, $"No pledge id in {page.Url}");
        Assert.Contains("Entered the pledge of Aave DAO", await page.InnerTextAsync("body"));

        await browserPage.GoToAsync("/");
        await AssertFigureAsync(page, "Outstanding proposed", "62,500 ETH");
        await AssertFigureAsync(page, "Outstanding committed", "6,000 ETH");
        await AssertFigureAsync(page, "Uncovered if every pledge arrives", "400 ETH");

        await browserPage.GoToAsync($"/admin/pledges/{id}/status");
        await page.SelectOptionAsync("#status-status", "committed");
        await page.FillAsync("#status-reason", "The grant vote passed.");
        await page.FillAsync("#status-source", "https://vote.aave.com/proposal/defi-united-grant");
        await SubmitAsync(page, "form.admin-form button[type=submit]");
        Assert.Equal("/admin/pledges", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Aave DAO's pledge is now committed", await page.InnerTextAsync("body"));

        await browserPage.GoToAsync("/");
        await AssertFigureAsync(page, "Outstanding committed", "31,000 ETH");
        await AssertFigureAsync(page, "Outstanding proposed", "37,500 ETH");
        await AssertFigureAsync(page, "Uncovered if every pledge arrives", "400 ETH");
        await browserPage.ScreenshotAsync("dashboard-after-commit.png");

        Assert.Empty(browserPage.CspViolations);
        await app.StopAsync();
    }

    /// <summary>Clicks a submit button and waits for the page the POST (and its redirect) leads to; that page must be a 200.</summary>
    private static async Task SubmitAsync(IPage page, string button)
    {
        // The first navigation answer that is not a redirect: the page after POST-redirect-GET, or the form again.
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(button),
            r => r.Request.IsNavigationRequest && r.Status is not (>= 300 and < 400));
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(response.Status == 200, $"Submitting {button} ended on {page.Url} with {response.Status}:\n{await page.InnerTextAsync("body")}");
    }

    /// <summary>The headline figure whose label is <paramref name="label"/>, as shown on the dashboard.</summary>
    private static async Task AssertFigureAsync(IPage page, string label, string expected)
    {
        var figure = page.Locator("dl.figures > div").Filter(new LocatorFilterOptions
        {
            Has = page.Locator("dt", new PageLocatorOptions { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }),
        });
        Assert.Equal(expected, (await figure.Locator("dd").InnerTextAsync()).Trim());
    }
}
