using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>The audit trail in the circuit: who, when, the fields before and after, the reason and the source, filtered and paged in SQL.</summary>
public class AuditPageTests : AdminComponentTest
{
    private sealed record Entry(string Action, string Record, string? Href, string Actor, Dictionary<string, (string Before, string After)> Diff,
        string? Reason, string? SourceHref);

    /// <summary>Each grid row with the details row under it.</summary>
    private static List<Entry> Entries(IRenderedComponent<AuditPage> page)
    {
        var entries = new List<Entry>();
        foreach (var row in page.FindAll("tbody tr").Where(r => r.QuerySelector("td[data-label=Action]") is not null))
        {
            var details = row.NextElementSibling?.QuerySelector(".audit-entry");
            var link = row.QuerySelector(".audit-record a");
            entries.Add(new Entry(
                row.QuerySelector(".audit-action")!.TextContent.Trim(),
                (link ?? row.QuerySelector(".audit-record span"))!.TextContent.Trim(),
                link?.GetAttribute("href"),
                row.QuerySelector(".audit-actor")!.TextContent.Trim(),
                details?.QuerySelectorAll(".audit-diff tbody tr").ToDictionary(
                    r => r.QuerySelector("th")!.TextContent.Trim(),
                    r => (r.QuerySelector(".before")!.TextContent.Trim(), r.QuerySelector(".after")!.TextContent.Trim())) ?? [],
                details?.QuerySelector(".audit-reason")?.TextContent.Trim(),
                details?.QuerySelector(".audit-source a")?.GetAttribute("href")));
        }
        return entries;
    }

    private async Task<int> EnterAsync(string pledger, Actor actor)
    {
        var result = await Services.GetRequiredService<PledgeCommands>().CreateAsync(
            new PledgeInput(pledger, "1000", "ETH", "proposed", "grant", null, null, "https://news.example/a", "2026-04-26", null, []), actor, CancellationToken.None);
        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        return result.Value!.Id;
    }

    [Fact]
    public async Task Entering_committing_and_withdrawing_a_pledge_shows_three_rows_newest_first_named_after_the_pledger_with_field_diffs()
    {
        var actor = new Actor("editor-id", EditorName, "form");
        var commands = Services.GetRequiredService<PledgeCommands>();
        var id = await EnterAsync("Audited Treasury", actor);
        Assert.Equal(CommandOutcome.Ok, (await commands.ChangeStatusAsync(id, new("committed", "Vote 12 passed.", "https://vote.example/12"), 1, actor, default)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await commands.ChangeStatusAsync(id, new("withdrawn", "Funding fell through.", "https://news.example/fell-through"), 2,
            actor, default)).Outcome);
        var page = this.RenderPage<AuditPage>();

        await page.FillAsync("Record (name contains)", "audited treasury");
        await page.ClickButtonAsync("Show changes");

        var entries = Entries(page);
        Assert.Equal(["pledge.status", "pledge.status", "pledge.create"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("Audited Treasury", $"/pledges/{id}", EditorName), (e.Record, e.Href, e.Actor)));
        Assert.Equal(new Dictionary<string, (string, string)> { ["version"] = ("2", "3"), ["status"] = ("committed", "withdrawn") }, entries[0].Diff);
        Assert.Equal(("Reason: Funding fell through.", "https://news.example/fell-through"), (entries[0].Reason, entries[0].SourceHref));
        Assert.Equal(("proposed", "committed"), entries[1].Diff["status"]);
        Assert.Equal(("—", "1000"), entries[2].Diff["amount"]);
        Assert.Equal(("—", "Audited Treasury"), entries[2].Diff["pledger"]);
        Assert.Equal(("—", "(none)"), entries[2].Diff["senders"]);
        Assert.Equal("/admin/audit?text=audited%20treasury", this.Path());
    }

    [Fact]
    public async Task Filters_by_action_actor_and_date_narrow_the_rows_in_the_database()
    {
        await EnterAsync("Filtered Guild", new Actor("finder-id", "Filter Finder", "form"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var page = this.RenderPage<AuditPage>();

        await page.ChooseAsync("Action", "pledge.create");
        await page.FillAsync("Actor (name contains)", "filter finder");
        await page.FillAsync("From (UTC date)", today);
        await page.FillAsync("To (UTC date, inclusive)", today);
        await page.ClickButtonAsync("Show changes");

        Assert.Equal(["Filtered Guild"], Entries(page).Select(e => e.Record));
        await page.FillAsync("To (UTC date, inclusive)", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickButtonAsync("Show changes");
        Assert.Empty(Entries(page));
        Assert.Contains("No change matches.", page.Markup);
    }

    [Fact]
    public async Task A_filtered_view_opened_from_its_url_shows_only_the_matching_rows()
    {
        await EnterAsync("Linked Collective", new Actor("linker-id", "Link Follower", "form"));
        await EnterAsync("Other Collective", new Actor("other-id", "Someone Else", "form"));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/admin/audit?actor=link%20follower");

        var page = this.RenderPage<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(["Linked Collective"], Entries(page).Select(e => e.Record)));
        Assert.Equal("link follower", page.Input("Actor (name contains)").GetAttribute("value"));
    }

    [Fact]
    public async Task The_trail_pages_by_fifty_newest_first()
    {
        var actor = new Actor("pager-id", "Pager Person", "form");
        for (var i = 1; i <= 51; i++) await EnterAsync($"Paged Pledger {i:00}", actor);
        var page = this.RenderPage<AuditPage>();
        await page.FillAsync("Actor (name contains)", "pager person");
        await page.ClickButtonAsync("Show changes");

        var first = Entries(page);
        await page.Find("button[aria-label='Next page']").ClickAsync(new());

        Assert.Equal(50, first.Count);
        Assert.Equal("Paged Pledger 51", first[0].Record);
        // The grid loads the next page after the click's handler returns (at once on SQLite, a round trip later on PostgreSQL).
        page.WaitForAssertion(() => Assert.Equal("Paged Pledger 01", Assert.Single(Entries(page)).Record));
        Assert.Contains(page.FindAll(".mud-table-pagination-caption"), c => c.TextContent.Trim() == "51-51 of 51");
    }

    [Fact]
    public async Task Account_changes_link_to_the_account_only_for_an_admin()
    {
        await using (var db = Database.CreateContext())
        {
            db.AuditEntries.Add(AccountAudit.Entry(Actor.CommandLine, DateTimeOffset.UtcNow, "user.create", "user", "user-7", "seven@rescue.example",
                before: null, after: new { email = "seven@rescue.example" }));
            await db.SaveChangesAsync();
        }

        var asEditor = AccountEntry(this.RenderPage<AuditPage>());
        Auth.SetRoles(AdminRoles.Admin);
        var asAdmin = AccountEntry(this.RenderPage<AuditPage>());

        Assert.Equal(("seven@rescue.example", null), (asEditor.Record, asEditor.Href));
        Assert.Equal("/admin/users/user-7", asAdmin.Href);
    }

    /// <summary>The account change's row, once the page has read it (a round trip after the first render on PostgreSQL).</summary>
    private static Entry AccountEntry(IRenderedComponent<AuditPage> page)
    {
        page.WaitForState(() => Entries(page).Any(e => e.Action == "user.create"));
        return Entries(page).Single(e => e.Action == "user.create");
    }
}
