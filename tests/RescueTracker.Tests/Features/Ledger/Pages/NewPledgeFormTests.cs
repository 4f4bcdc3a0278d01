using System.Numerics;
using Bunit;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Tests.Features.Ledger.Pages;

public class NewPledgeFormTests : PledgePageTest
{
    private async Task<IRenderedComponent<NewPledgePage>> FilledAsync(string pledger, string amount = "1000", string status = "committed")
    {
        var page = Render<NewPledgePage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#pledge-pledger")));
        Type(page, "pledge-pledger", pledger);
        Type(page, "pledge-amount", amount);
        await ChooseAsync(page, "pledge-asset", "ETH");
        await ChooseAsync(page, "pledge-status", status);
        await ChooseAsync(page, "pledge-terms", "grant");
        Type(page, "pledge-governanceurl", "https://vote.example/proposals/7");
        Type(page, "pledge-source", "https://news.example/pledge");
        Type(page, "pledge-announced", "2026-04-26");
        Type(page, "pledge-votedeadline", "2026-05-15");
        return page;
    }

    [Fact]
    public async Task A_committed_1000_ETH_proposal_entered_through_the_form_raises_outstanding_committed_by_exactly_1000()
    {
        var before = Database.Figures.Current;
        var page = await FilledAsync("Form Foundation");

        Click(page, "Enter the pledge");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/admin/pledges", Navigation.Uri));
        var pledge = await PledgeAsync("Form Foundation");
        Assert.Equal(["Entered the pledge of Form Foundation (version 1)."], Snackbars);
        var after = Database.Figures.Current;
        Assert.Equal(before.OutstandingCommittedEth + ExactDecimal.Parse("1000"), after.OutstandingCommittedEth);
        Assert.Equal(before.OutstandingProposedEth, after.OutstandingProposedEth);
        Assert.Equal(before.UncoveredIfAllArriveEth - ExactDecimal.Parse("1000"), after.UncoveredIfAllArriveEth);
        Assert.Equal(before.DeliveredEth, after.DeliveredEth);
        Assert.Equal((PledgeStatus.Committed, 1, BigInteger.Parse("1000000000000000000000")), (pledge.Status, pledge.Version, pledge.Amount));
        Assert.Equal((new DateOnly(2026, 4, 26), new DateOnly(2026, 5, 15)), (pledge.Announced, pledge.VoteDeadline));
        await using var db = Database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == "pledge" && a.EntityId == pledge.Id.ToString());
        Assert.Equal(("pledge.create", EditorName, "editor-id"), (audit.Action, audit.Actor, audit.ActorId));
        AssertNothingLogged();
    }

    [Fact]
    public async Task After_saving_the_grid_shows_the_new_pledge_with_status_terms_and_version()
    {
        var id = await EnterAsync("Listed DAO", "250.5");
        var grid = Render<PledgesPage>();
        grid.WaitForAssertion(() => Assert.Equal(10, grid.FindAll("tbody tr.mud-table-row").Count));

        grid.Find("#pledges-filter-pledger").Input("listed");

        await EventuallyAsync(() => Assert.Single(grid.FindAll("tbody tr.mud-table-row")));
        var row = grid.Find("tbody tr.mud-table-row");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Listed DAO", "250.5 ETH", "proposed", "grant", "1"], cells.Take(5));
        Assert.Equal($"/pledges/{id}", row.QuerySelector("td a")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector($"a[href='/admin/pledges/{id}/edit']"));
        Assert.NotNull(row.QuerySelector($"a[href='/admin/pledges/{id}/offchain']"));
        Assert.Equal(["Edit", "Status", "Withdraw", "Off-chain delivery"], row.QuerySelectorAll(".pledge-actions .mud-button-label").Select(b => b.TextContent));
    }

    [Theory]
    [InlineData("pledge-amount", "-5", "The amount must be more than 0.")]
    [InlineData("pledge-asset", "XYZ", "Unknown asset 'XYZ'.")]
    [InlineData("pledge-senders", "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "Line 1: '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.")]
    [InlineData("pledge-pledger", "", "The pledger is required.")]
    [InlineData("pledge-status", "delivered", "Delivered is never set by hand: it follows received transfers or a recorded off-chain delivery.")]
    [InlineData("pledge-announced", "26/04/2026", "'26/04/2026' is not a date in the form YYYY-MM-DD.")]
    [InlineData("pledge-votedeadline", "15 May", "'15 May' is not a date in the form YYYY-MM-DD.")]
    [InlineData("pledge-votedeadline", "2026-04-25", "The vote deadline 2026-04-25 is before the announcement (2026-04-26).")]
    public async Task Invalid_input_shows_the_message_beside_its_input_and_changes_nothing(string inputId, string value, string message)
    {
        var snapshot = await SnapshotAsync();
        var figures = Database.Figures.Current;
        var page = await FilledAsync("Refused Foundation");
        // The selects offer only valid choices; a value sent past them (a tampered circuit message) meets the same rules.
        if (inputId is "pledge-asset" or "pledge-status") await ChooseAsync(page, inputId, value);
        else Type(page, inputId, value);

        Click(page, "Enter the pledge");

        page.WaitForAssertion(() => Assert.Equal(message, ErrorOf(page, inputId)));
        Assert.Equal("true", page.Find($"#{inputId}").GetAttribute("aria-invalid"));
        Assert.Equal([message], FieldErrors(page));
        Assert.Equal("http://localhost/", Navigation.Uri);
        Assert.Empty(Snackbars);
        (await SnapshotAsync()).AssertSameAs(snapshot);
        Assert.Same(figures, Database.Figures.Current);
        AssertNothingLogged();
    }

    [Fact]
    public void The_announcement_date_says_the_same_format_in_its_placeholder_and_its_hint()
    {
        var page = Render<NewPledgePage>();

        var input = page.Find("#pledge-announced");
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.Equal("YYYY-MM-DD", input.GetAttribute("placeholder"));
        var hint = input.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent.Trim();
        Assert.Equal("The day it was announced, as YYYY-MM-DD (for example 2026-04-26).", hint);
    }

    [Fact]
    public void Every_input_of_the_form_has_a_label_naming_it()
    {
        var page = Render<NewPledgePage>();

        var labels = page.FindAll("input:not([type=hidden]), textarea")
            .Select(i => page.FindAll($"label[for='{i.Id}']").SingleOrDefault()?.TextContent.Trim() ?? $"(none for #{i.Id})").ToList();
        Assert.Equal(["Pledger", "Amount", "Asset", "Status", "Terms", "Terms note", "Governance URL", "Source", "Announced", "Vote deadline", "Sender addresses"], labels);
    }
}
