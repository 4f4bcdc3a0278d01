using System.Numerics;
using Bunit;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Tests.Features.Ledger.Pages;

public class EditConflictTests : PledgePageTest
{
    private IRenderedComponent<EditPledgePage> Edit(int id)
    {
        var page = Render<EditPledgePage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#pledge-amount")));
        return page;
    }

    private static List<(string Field, string Yours, string Saved)> ConflictRows(IRenderedComponent<EditPledgePage> page) =>
        page.FindAll(".conflict-box tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelectorAll("td")[0].TextContent.Trim(), r.QuerySelectorAll("td")[1].TextContent.Trim()))
            .ToList();

    [Fact]
    public async Task The_edit_form_shows_the_saved_values_and_the_version_and_leaves_the_status_out()
    {
        var id = await EnterAsync("Hidden Version DAO");

        var page = Edit(id);

        Assert.Equal("1000", ValueOf(page, "pledge-amount"));
        Assert.Equal("Hidden Version DAO", ValueOf(page, "pledge-pledger"));
        Assert.Empty(page.FindAll("#pledge-status"));
        Assert.Contains("Version 1.", page.Find("p:has(.badge)").TextContent);
    }

    [Fact]
    public async Task An_edit_saved_from_a_current_form_bumps_the_version_and_confirms_with_the_saved_pledge()
    {
        var id = await EnterAsync("Plain Edit DAO");
        var page = Edit(id);

        Type(page, "pledge-amount", "1200.25");
        Type(page, "pledge-reason", "Revised in the forum post.");
        Click(page, "Save");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/admin/pledges", Navigation.Uri));
        Assert.Equal(["Saved the pledge of Plain Edit DAO (now version 2)."], Snackbars);
        var pledge = await PledgeAsync("Plain Edit DAO");
        Assert.Equal((2, BigInteger.Parse("1200250000000000000000")), (pledge.Version, pledge.Amount));
        AssertNothingLogged();
    }

    [Fact]
    public async Task When_two_editors_load_the_same_version_the_second_save_is_refused_with_what_changed_and_nothing_is_overwritten()
    {
        var id = await EnterAsync("Contested DAO");
        var first = Edit(id);
        var second = Edit(id);

        Type(first, "pledge-amount", "1500");
        Click(first, "Save");
        first.WaitForAssertion(() => Assert.Single(Snackbars));
        Type(second, "pledge-termsnote", "Paid in two parts.");
        Click(second, "Save");

        second.WaitForAssertion(() => Assert.NotEmpty(second.FindAll(".conflict-box")));
        var box = second.Find(".conflict-box");
        Assert.Equal("alert", box.GetAttribute("role"));
        Assert.Equal("Someone else saved this pledge meanwhile", box.QuerySelector("#conflict-heading")!.TextContent.Trim());
        Assert.Contains("The pledge is now at version 2.", box.TextContent);
        Assert.Equal([("Amount", "1000", "1500"), ("Terms note", "Paid in two parts.", "(empty)")], ConflictRows(second));
        // The form now holds what is saved and the new version, so the next save is made knowingly.
        Assert.Equal("1500", ValueOf(second, "pledge-amount"));
        Assert.Equal("", ValueOf(second, "pledge-termsnote"));
        var pledge = await PledgeAsync("Contested DAO");
        Assert.Equal((2, BigInteger.Parse("1500000000000000000000"), (string?)null), (pledge.Version, pledge.Amount, pledge.TermsNote));
        await using (var db = Database.CreateContext())
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "pledge" && a.EntityId == id.ToString()));

        Type(second, "pledge-termsnote", "Paid in two parts.");
        Click(second, "Save");

        second.WaitForAssertion(() => Assert.Equal(2, Snackbars.Count));
        pledge = await PledgeAsync("Contested DAO");
        Assert.Equal((3, "Paid in two parts.", BigInteger.Parse("1500000000000000000000")), (pledge.Version, pledge.TermsNote, pledge.Amount));
        AssertNothingLogged();
    }

    [Fact]
    public async Task A_stale_status_change_is_refused_with_the_current_status_and_the_next_save_is_made_on_the_new_version()
    {
        var id = await EnterAsync("Stale Status DAO");
        var first = Render<PledgeStatusPage>(p => p.Add(x => x.Id, id));
        var second = Render<PledgeStatusPage>(p => p.Add(x => x.Id, id));
        first.WaitForAssertion(() => Assert.NotNull(first.Find("#status-reason")));
        second.WaitForAssertion(() => Assert.NotNull(second.Find("#status-reason")));

        await ChooseAsync(first, "status-status", "committed");
        Type(first, "status-reason", "Vote passed.");
        Type(first, "status-source", "https://vote.example/1");
        Click(first, "Change the status");
        first.WaitForAssertion(() => Assert.Single(Snackbars));
        await ChooseAsync(second, "status-status", "withdrawn");
        Type(second, "status-reason", "Pulled.");
        Type(second, "status-source", "https://news.example/pulled");
        Click(second, "Change the status");

        second.WaitForAssertion(() => Assert.Contains("The pledge is now at version 2.", second.Find(".conflict-box").TextContent));
        Assert.Equal(("Status", "withdrawn (your choice)", "committed"),
            (second.Find(".conflict-box tbody th").TextContent.Trim(), second.FindAll(".conflict-box tbody td")[0].TextContent.Trim(),
             second.FindAll(".conflict-box tbody td")[1].TextContent.Trim()));
        Assert.Equal((PledgeStatus.Committed, 2), ((await PledgeAsync("Stale Status DAO")).Status, (await PledgeAsync("Stale Status DAO")).Version));

        Click(second, "Change the status");

        second.WaitForAssertion(() => Assert.Equal(2, Snackbars.Count));
        Assert.Equal("Stale Status DAO's pledge is now withdrawn (version 3).", Snackbars[1]);
        Assert.Equal(PledgeStatus.Withdrawn, (await PledgeAsync("Stale Status DAO")).Status);
    }
}
