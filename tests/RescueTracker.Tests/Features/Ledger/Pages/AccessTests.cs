using System.Net;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

public class AccessTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] PagePaths =
    [
        "/admin/pledges", "/admin/pledges/new", "/admin/pledges/1/edit", "/admin/pledges/1/status", "/admin/pledges/1/withdraw",
        "/admin/pledges/1/offchain", "/admin/pledgers", "/admin/pledgers/1", "/admin/assets", "/admin/assets/1", "/admin/shortfall",
        "/admin/shortfall/1/edit", "/admin/recovery-addresses", "/admin/transfers", "/admin/transfers/unattributed", "/admin/audit",
    ];

    public static TheoryData<string> Pages => new(PagePaths);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_visitors_are_redirected_to_sign_in(string path)
    {
        using var browser = app.FormClient();

        await browser.AssertSentToSignInAsync(path);
    }

    [Fact]
    public async Task An_anonymous_post_to_a_ledger_page_changes_nothing_and_is_redirected_or_refused()
    {
        using var anonymous = app.FormClient();
        var count = PledgeCount();

        // The pledge form runs in a circuit and takes no posts; a hand-made one meets the sign-in first.
        var response = await anonymous.Client.PostAsync("/admin/pledges/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Pledger"] = "Anonymous DAO", ["Form.Amount"] = "10", ["Form.Asset"] = "ETH", ["Form.Status"] = "proposed",
            ["Form.Terms"] = "grant", ["Form.Source"] = "https://news.example/anonymous", ["Form.Announced"] = "2026-04-26",
        }));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Equal(count, PledgeCount());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_editor_can_open_every_ledger_page(string path)
    {
        using var browser = await SignedInAsync(AdminRoles.Editor);

        var (response, page) = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("nav.admin-nav"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_admin_nav_lists_the_ledger_sections_for_an_editor_but_not_the_admin_only_ones()
    {
        using var browser = await SignedInAsync(AdminRoles.Editor);

        var (_, page) = await browser.GetAsync("/admin/pledges");

        var links = page.QuerySelectorAll("nav.admin-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/admin", "/admin/pledges", "/admin/pledgers", "/admin/assets", "/admin/shortfall", "/admin/recovery-addresses",
            "/admin/transfers", "/admin/audit"], links);
    }

    [Fact]
    public async Task Every_input_of_every_ledger_form_has_a_label()
    {
        using var browser = await SignedInAsync(AdminRoles.Admin);
        foreach (var path in PagePaths)
        {
            var (_, page) = await browser.GetAsync(path);
            var inputs = page.QuerySelectorAll(".admin-body input, .admin-body select, .admin-body textarea")
                .Where(i => i.GetAttribute("type") is not ("hidden" or "submit"))
                .ToList();
            foreach (var input in inputs)
            {
                var id = input.GetAttribute("id");
                Assert.False(string.IsNullOrEmpty(id), $"{path}: an input named {input.GetAttribute("name")} has no id");
                Assert.True(page.QuerySelector($"label[for='{id}']") is not null, $"{path}: no label for #{id}");
            }
        }
    }

    private async Task<FormClient> SignedInAsync(string role)
    {
        var browser = app.FormClient();
        await browser.SignInAsync(await app.CreateUserAsync(role));
        return browser;
    }

    private int PledgeCount()
    {
        _ = app.Services; // the host migrates and seeds on first use
        using var db = app.Database.CreateContext();
        return db.Pledges.Count();
    }
}
