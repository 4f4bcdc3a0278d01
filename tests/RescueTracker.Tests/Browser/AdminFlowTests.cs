using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using AdminApi = RescueTracker.Tests.Features.Ledger.Api.AdminApi;
using Bodies = RescueTracker.Tests.Features.Ledger.Api.Bodies;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// The admin's round in a real browser with JavaScript on, against the published app on its own database: sign in
/// (a static form), and from there everything happens in one Blazor circuit: enter a proposal, commit it through the
/// grid's dialog, page and sort the grid, and watch the figures panel follow each change, another admin's included,
/// without a page load.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class AdminFlowTests(PublishedApp published, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Email = "admin@rescue.example";
    private const string Password = "a long enough admin password";

    [Fact]
    public async Task Admin_enters_a_proposal_commits_it_in_the_dialog_and_the_figures_panel_follows_without_a_page_load()
    {
        // Its own database: this test writes, and the shared app's figures must stay the seed's.
        var database = published.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var admin = await CliProcess.RunAsync(published.PublishFolder, database, Password + "\n", "create-admin", "--email", Email);
        Assert.True(admin.ExitCode == 0, $"create-admin failed:\n{admin}");
        var keyRun = await CliProcess.RunAsync(published.PublishFolder, database, null, "create-api-key", "--email", Email, "--name", "second admin");
        Assert.True(keyRun.ExitCode == 0, $"create-api-key failed:\n{keyRun}");
        var key = keyRun.Stdout.TrimEnd('\r', '\n').Split('\n')[^1].Trim();

        await using var app = await published.StartAsync(database);
        await using var browserPage = await BrowserPage.OpenAsync(chromium.Browser, app.BaseAddress, BrowserPage.Desktop, javaScript: true);
        var page = browserPage.Page;
        var documents = new ConcurrentQueue<string>();
        var scripts = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        page.Request += (_, r) =>
        {
            if (r.ResourceType == "document") documents.Enqueue(r.Url);
            if (r.ResourceType == "script") scripts.Enqueue(new Uri(r.Url).AbsolutePath);
        };
        page.WebSocket += (_, socket) => sockets.Enqueue(new Uri(socket.Url).AbsolutePath);

        await browserPage.GoToAsync("/admin/login");
        await page.FillAsync("input[type=email]", Email);
        await page.FillAsync("input[type=password]", Password);
        await page.ClickAsync("form[method=post] button[type=submit]");
        await page.WaitForURLAsync(new Regex("/admin$"));

        // The admin area opens a circuit: the framework's script, then a WebSocket to the hub.
        await Expect(page.Locator(".figures-panel .figure-proposed dd")).ToHaveTextAsync("37,500 ETH");
        await EventuallyAsync(() => Assert.Contains(sockets, s => s.StartsWith("/_blazor", StringComparison.Ordinal)));
        Assert.Contains(scripts, s => Regex.IsMatch(s, @"^/_framework/blazor\.web(\.[a-z0-9]+)?\.js$"));
        await AssertPanelAsync(page, committed: "6,000 ETH", proposed: "37,500 ETH", uncoveredIfAll: "25,400 ETH");

        await browserPage.GoToAsync("/admin/pledges/new");
        var enter = page.GetByRole(AriaRole.Button, new() { Name = "Enter the pledge" });
        await Expect(enter).ToBeEnabledAsync();
        await FillAsync(page, "#pledge-pledger", "Aave DAO");
        await FillAsync(page, "#pledge-amount", "25000");
        await FillAsync(page, "#pledge-source", "https://governance.aave.com/t/defi-united-grant/1");
        await browserPage.ScreenshotAsync("admin-new-pledge.png");
        var loadsBefore = documents.Count;
        await enter.ClickAsync();

        await page.WaitForURLAsync(new Regex("/admin/pledges$"));
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Entered the pledge of Aave DAO (version 1).");
        await AssertPanelAsync(page, committed: "6,000 ETH", proposed: "62,500 ETH", uncoveredIfAll: "400 ETH");

        var row = page.Locator("tr.mud-table-row", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Aave DAO", Exact = true }) });
        await row.GetByRole(AriaRole.Button, new() { Name = "Status", Exact = true }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator(".mud-dialog-title")).ToHaveTextAsync("Change the status of Aave DAO's pledge");
        // A proposal's dialog starts on committed: reason and source are all it needs.
        await Expect(dialog.Locator("#status-status")).ToHaveValueAsync("committed (vote passed or binding promise)");
        await FillAsync(page, "#status-reason", "The grant vote passed.");
        await FillAsync(page, "#status-source", "https://vote.aave.com/proposal/defi-united-grant");
        await browserPage.ScreenshotAsync("admin-status-dialog.png", ReadmeScreenshots.Folder);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Change the status" }).ClickAsync();

        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Aave DAO's pledge is now committed (version 2).");
        await Expect(dialog).ToHaveCountAsync(0);
        await AssertPanelAsync(page, committed: "31,000 ETH", proposed: "37,500 ETH", uncoveredIfAll: "400 ETH");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("committed");

        // Another admin, through the API: the panel follows by itself.
        using (var api = new HttpClient { BaseAddress = app.BaseAddress })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var created = await api.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Lido DAO", "1000", "ETH", "committed")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await Expect(page.Locator(".figures-panel .figure-committed dd")).ToHaveTextAsync("32,000 ETH", new() { Timeout = 2000 });

        // Sort by version, twice (ascending, then descending), and page by ten: the grid asks the circuit, the page stays.
        var versionHeader = page.Locator("th", new() { HasText = "Version" }).Locator(".sortable-column-header");
        await versionHeader.ClickAsync();
        await versionHeader.ClickAsync();
        await Expect(page.Locator("tbody tr.mud-table-row").First.Locator("td").First).ToHaveTextAsync("Aave DAO");
        await page.Locator(".mud-table-pagination-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "10" }).First.ClickAsync();
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".mud-table-pagination")).ToContainTextAsync("11-11 of 11");
        await browserPage.ScreenshotAsync("admin-pledges-grid.png");
        Assert.Equal(loadsBefore, documents.Count);

        // Readable at 360 px: the form and the grid fit the width (the grid stacks each row).
        await page.SetViewportSizeAsync(BrowserPage.Mobile.Width, BrowserPage.Mobile.Height);
        foreach (var path in new[] { "/admin/pledges/new", "/admin/pledges" })
        {
            await browserPage.GoToAsync(path);
            await Expect(page.Locator(".figures-panel")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(300);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= BrowserPage.Mobile.Width, $"{path} is {width} px wide at {BrowserPage.Mobile.Width} px");
            await browserPage.ScreenshotAsync($"admin{path.Replace('/', '-')}-360.png".Replace("-admin-", "-"), ReadmeScreenshots.Folder);
        }

        Assert.Empty(browserPage.CspViolations);
        await app.StopAsync();
    }

    /// <summary>Types into a MudBlazor field and leaves it, as a person does: the value is taken on change.</summary>
    private static async Task FillAsync(IPage page, string selector, string value)
    {
        await page.FillAsync(selector, value);
        await page.PressAsync(selector, "Tab");
    }

    private static async Task AssertPanelAsync(IPage page, string committed, string proposed, string uncoveredIfAll)
    {
        await Expect(page.Locator(".figures-panel .figure-committed dd")).ToHaveTextAsync(committed);
        await Expect(page.Locator(".figures-panel .figure-proposed dd")).ToHaveTextAsync(proposed);
        await Expect(page.Locator(".figures-panel .figure-uncovered-if-all dd")).ToHaveTextAsync(uncoveredIfAll);
    }

    private static async Task EventuallyAsync(Action assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
