using System.Net;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Tests.Admin.Pages;

public class EditConflictTests(LedgerPagesApp app) : IClassFixture<LedgerPagesApp>
{
    [Fact]
    public async Task The_edit_form_carries_the_version_in_a_hidden_field_and_leaves_the_status_out()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Hidden Version DAO");

        var form = await browser.LoadFormAsync($"/admin/pledges/{id}/edit", "edit-pledge");
        var (_, page) = await browser.GetAsync($"/admin/pledges/{id}/edit");

        Assert.Equal("1", form.Values["Form.Version"]);
        Assert.Equal("hidden", page.QuerySelector("input[name='Form.Version']")!.GetAttribute("type"));
        Assert.False(form.Values.ContainsKey("Form.Status"));
        Assert.Equal("1000", form.Values["Form.Amount"]);
        Assert.Equal("Hidden Version DAO", form.Values["Form.Pledger"]);
    }

    [Fact]
    public async Task An_edit_saved_from_a_current_form_bumps_the_version_and_redirects_with_a_confirmation()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Plain Edit DAO");

        var response = await browser.SubmitAsync($"/admin/pledges/{id}/edit", "edit-pledge",
            new Dictionary<string, string> { ["Form.Amount"] = "1200.25", ["Form.Reason"] = "Revised in the forum post." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/pledges?done=saved&id={id}", response.Headers.Location!.PathAndQuery);
        var (_, list) = await browser.GetAsync(response.Headers.Location.PathAndQuery);
        Assert.Equal("Saved the pledge of Plain Edit DAO (now version 2).", list.QuerySelector("[role=status]")?.TextContent.Trim());
        var pledge = await app.PledgeAsync("Plain Edit DAO");
        Assert.Equal(2, pledge.Version);
        Assert.Equal(System.Numerics.BigInteger.Parse("1200250000000000000000"), pledge.Amount);
    }

    [Fact]
    public async Task When_two_editors_load_the_same_version_the_second_save_is_refused_with_what_changed_and_nothing_is_overwritten()
    {
        using var first = await app.SignedInAsync(AdminRoles.Editor, "First Editor");
        using var second = await app.SignedInAsync(AdminRoles.Editor, "Second Editor");
        var id = await PledgeSeeding.EnterAsync(app, first, "Contested DAO");
        var firstForm = await first.LoadFormAsync($"/admin/pledges/{id}/edit", "edit-pledge");
        var secondForm = await second.LoadFormAsync($"/admin/pledges/{id}/edit", "edit-pledge");
        Assert.Equal(firstForm.Values["Form.Version"], secondForm.Values["Form.Version"]);

        var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Form.Amount"] = "1500" });
        var refused = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Form.TermsNote"] = "Paid in two parts." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageBrowser.ParseAsync(refused);
        var box = page.QuerySelector(".conflict-box")!;
        Assert.Equal("alert", box.GetAttribute("role"));
        Assert.Equal("Someone else saved this pledge meanwhile", box.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("The pledge is now at version 2.", box.TextContent);
        var rows = box.QuerySelectorAll("tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelectorAll("td")[0].TextContent.Trim(), r.QuerySelectorAll("td")[1].TextContent.Trim()))
            .ToList();
        Assert.Equal([("Amount", "1000", "1500"), ("Terms note", "Paid in two parts.", "(empty)")], rows);
        // The re-rendered form holds what is saved now and the new version, so the next save is made knowingly.
        var again = LoadedForm.From(page, "edit-pledge", $"/admin/pledges/{id}/edit");
        Assert.Equal("2", again.Values["Form.Version"]);
        Assert.Equal("1500", again.Values["Form.Amount"]);
        Assert.Equal("", again.Values["Form.TermsNote"]);

        var pledge = await app.PledgeAsync("Contested DAO");
        Assert.Equal(2, pledge.Version);
        Assert.Equal(System.Numerics.BigInteger.Parse("1500000000000000000000"), pledge.Amount);
        Assert.Null(pledge.TermsNote);
        Assert.Equal(2, await app.QueryAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.EntityType == "pledge" && a.EntityId == id.ToString()))));

        var reapplied = await second.SubmitAsync(again, new Dictionary<string, string> { ["Form.TermsNote"] = "Paid in two parts." });
        Assert.Equal(HttpStatusCode.Redirect, reapplied.StatusCode);
        pledge = await app.PledgeAsync("Contested DAO");
        Assert.Equal((3, "Paid in two parts."), (pledge.Version, pledge.TermsNote));
        Assert.Equal(System.Numerics.BigInteger.Parse("1500000000000000000000"), pledge.Amount);
    }

    [Fact]
    public async Task A_stale_status_change_is_refused_with_the_current_status_and_the_new_version()
    {
        using var first = await app.SignedInAsync();
        using var second = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, first, "Stale Status DAO");
        var firstForm = await first.LoadFormAsync($"/admin/pledges/{id}/status", "pledge-status");
        var secondForm = await second.LoadFormAsync($"/admin/pledges/{id}/status", "pledge-status");

        await first.SubmitAsync(firstForm, new Dictionary<string, string>
            { ["Form.Status"] = "committed", ["Form.Reason"] = "Vote passed.", ["Form.Source"] = "https://vote.example/1" });
        var refused = await second.SubmitAsync(secondForm, new Dictionary<string, string>
            { ["Form.Status"] = "withdrawn", ["Form.Reason"] = "Pulled.", ["Form.Source"] = "https://news.example/pulled" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageBrowser.ParseAsync(refused);
        Assert.Contains("The pledge is now at version 2.", page.QuerySelector(".conflict-box")!.TextContent);
        Assert.Equal("2", LoadedForm.From(page, "pledge-status", "").Values["Form.Version"]);
        Assert.Equal(PledgeStatus.Committed, (await app.PledgeAsync("Stale Status DAO")).Status);
    }
}
