using System.Numerics;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

public class StatusFlowTests : PledgePageTest
{
    private static readonly ExactDecimal Seven = ExactDecimal.Parse("700");

    private IRenderedComponent<PledgesPage> Grid()
    {
        var grid = Render<PledgesPage>();
        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll("tbody tr.mud-table-row")));
        return grid;
    }

    private static IElement Row(IRenderedComponent<PledgesPage> grid, string pledger) =>
        grid.FindAll("tbody tr.mud-table-row").Single(r => r.QuerySelector("td")!.TextContent.Trim() == pledger);

    /// <summary>Clicks an action of the pledger's row and waits for the dialog it opens.</summary>
    private void OpenDialog(IRenderedComponent<PledgesPage> grid, string pledger, string action)
    {
        grid.InvokeAsync(() => Row(grid, pledger).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == action).Click()).GetAwaiter().GetResult();
        Host.Dialogs.WaitForAssertion(() => Assert.NotNull(Host.Dialogs.Find("#" + (action == "Withdraw" ? "withdraw" : "status") + "-reason")));
    }

    private static (ExactDecimal Proposed, ExactDecimal Committed, ExactDecimal UncoveredIfAll, ExactDecimal Delivered) Of(RescueFigures f) =>
        (f.OutstandingProposedEth, f.OutstandingCommittedEth, f.UncoveredIfAllArriveEth, f.DeliveredEth);

    [Fact]
    public async Task A_proposal_moved_to_committed_and_then_withdrawn_through_the_dialogs_moves_the_figures_by_exactly_its_amount()
    {
        var start = Of(Database.Figures.Current);
        await EnterAsync("Flow DAO", "700");
        var proposed = Of(Database.Figures.Current);
        var grid = Grid();

        OpenDialog(grid, "Flow DAO", "Status");
        // The dialog loads the pledge first (at once on SQLite, after a round trip on PostgreSQL).
        Host.Dialogs.WaitForAssertion(() => Assert.Equal("Change the status of Flow DAO's pledge", Host.Dialogs.Find(".mud-dialog-title").TextContent.Trim()));
        await ChooseAsync(Host.Dialogs, "status-status", "committed");
        Type(Host.Dialogs, "status-reason", "The DAO vote passed.");
        Type(Host.Dialogs, "status-source", "https://vote.example/flow/1");
        Click(Host.Dialogs, "Change the status");

        grid.WaitForAssertion(() => Assert.Equal("committed", Row(grid, "Flow DAO").QuerySelectorAll("td")[2].TextContent.Trim()));
        Assert.Empty(Host.Dialogs.FindAll(".mud-dialog"));
        Assert.Equal(["Flow DAO's pledge is now committed (version 2)."], Snackbars);
        var committed = Of(Database.Figures.Current);

        OpenDialog(grid, "Flow DAO", "Withdraw");
        // The dialog loads the pledge first (at once on SQLite, after a round trip on PostgreSQL).
        Host.Dialogs.WaitForAssertion(() => Assert.Equal("Withdraw Flow DAO's pledge?", Host.Dialogs.Find(".mud-dialog-title").TextContent.Trim()));
        Assert.Empty(Host.Dialogs.FindAll("#status-status"));
        Type(Host.Dialogs, "withdraw-reason", "The treasury pulled out.");
        Type(Host.Dialogs, "withdraw-source", "https://news.example/flow-pulled");
        Click(Host.Dialogs, "Withdraw the pledge");

        grid.WaitForAssertion(() => Assert.Equal("withdrawn", Row(grid, "Flow DAO").QuerySelectorAll("td")[2].TextContent.Trim()));
        Assert.Equal("Flow DAO's pledge is now withdrawn (version 3).", Snackbars[^1]);
        Assert.Equal((start.Proposed + Seven, start.Committed), (proposed.Proposed, proposed.Committed));
        Assert.Equal((start.Proposed, start.Committed + Seven, start.UncoveredIfAll - Seven), (committed.Proposed, committed.Committed, committed.UncoveredIfAll));
        Assert.Equal(start, Of(Database.Figures.Current));
        var pledge = await PledgeAsync("Flow DAO");
        Assert.Equal((PledgeStatus.Withdrawn, 3), (pledge.Status, pledge.Version));
        await using var db = Database.CreateContext();
        var history = await db.PledgeStatusChanges.Where(c => c.PledgeId == pledge.Id).OrderBy(c => c.Id).Select(c => new { c.To, c.Reason, c.Source, c.Actor }).ToListAsync();
        Assert.Equal(("The treasury pulled out.", "https://news.example/flow-pulled", EditorName), (history[^1].Reason, history[^1].Source, history[^1].Actor));
        AssertNothingLogged();
    }

    [Fact]
    public async Task A_cancelled_dialog_changes_nothing_and_confirms_nothing()
    {
        await EnterAsync("Hesitant DAO");
        var snapshot = await SnapshotAsync();
        var grid = Grid();

        OpenDialog(grid, "Hesitant DAO", "Withdraw");
        Type(Host.Dialogs, "withdraw-reason", "Maybe later.");
        Click(Host.Dialogs, "Cancel");

        Host.Dialogs.WaitForAssertion(() => Assert.Empty(Host.Dialogs.FindAll(".mud-dialog")));
        Assert.Empty(Snackbars);
        (await SnapshotAsync()).AssertSameAs(snapshot);
    }

    [Fact]
    public async Task The_status_form_offers_proposed_committed_and_withdrawn_only_and_explains_delivered()
    {
        var id = await EnterAsync("Options DAO");

        var page = Render<PledgeStatusPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#status-status")));
        var select = page.FindComponent<MudSelect<string>>();
        Assert.Equal(["proposed", "committed", "withdrawn"], select.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value));
        Assert.Equal("committed (vote passed or binding promise)", ValueOf(page, "status-status"));
        Assert.Contains("Delivered is not offered: a pledge becomes delivered when the transfers it received", page.Find(".note").TextContent);
        Assert.Equal("Source (required; for committed, the evidence URL such as the passed vote)", page.Find("label[for=status-source]").TextContent.Trim());
    }

    [Theory]
    [InlineData("committed", "", "https://vote.example/1", "status-reason", "A reason is required.")]
    [InlineData("committed", "Vote passed.", "", "status-source", "The evidence URL (such as the passed vote) is required.")]
    [InlineData("withdrawn", "Pulled.", "javascript:alert(1)", "status-source", "The source must be an absolute http or https address.")]
    [InlineData("delivered", "Paid.", "https://news.example/paid", "status-status", "Delivered is never set by hand: it follows received transfers or a recorded off-chain delivery.")]
    public async Task A_refused_status_change_in_the_dialog_shows_the_message_beside_its_field_and_changes_nothing(
        string status, string reason, string source, string inputId, string message)
    {
        await EnterAsync("Refused DAO");
        var snapshot = await SnapshotAsync();
        var grid = Grid();

        OpenDialog(grid, "Refused DAO", "Status");
        await ChooseAsync(Host.Dialogs, "status-status", status);
        Type(Host.Dialogs, "status-reason", reason);
        Type(Host.Dialogs, "status-source", source);
        Click(Host.Dialogs, "Change the status");

        Host.Dialogs.WaitForAssertion(() => Assert.Equal(message, ErrorOf(Host.Dialogs, inputId)));
        Assert.Equal([message], FieldErrors(Host.Dialogs));
        Assert.Single(Host.Dialogs.FindAll(".mud-dialog"));
        Assert.Empty(Snackbars);
        (await SnapshotAsync()).AssertSameAs(snapshot);
        AssertNothingLogged();
    }

    [Fact]
    public async Task The_withdraw_page_without_a_reason_is_refused_beside_the_reason_and_the_pledge_stays_open()
    {
        var id = await EnterAsync("Unexplained DAO");
        var snapshot = await SnapshotAsync();
        var page = Render<WithdrawPledgePage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#withdraw-source")));

        Type(page, "withdraw-source", "https://news.example/x");
        Click(page, "Withdraw the pledge");

        page.WaitForAssertion(() => Assert.Equal("A reason is required.", ErrorOf(page, "withdraw-reason")));
        (await SnapshotAsync()).AssertSameAs(snapshot);
        Assert.Equal(PledgeStatus.Proposed, (await PledgeAsync("Unexplained DAO")).Status);
    }

    [Fact]
    public async Task An_off_chain_delivery_of_the_full_amount_makes_the_pledge_delivered_and_counts_it_as_received_off_chain()
    {
        var id = await EnterAsync("Bank Wire Foundation", "300", "committed");
        var before = Of(Database.Figures.Current);
        var page = Render<OffchainDeliveryPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#offchain-amount")));

        Type(page, "offchain-amount", "300");
        Type(page, "offchain-evidence", "https://bank.example/receipt/42");
        Type(page, "offchain-note", "Wired to the custodian.");
        Click(page, "Record the delivery");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/admin/pledges", Navigation.Uri));
        Assert.Equal(["Recorded an off-chain delivery for Bank Wire Foundation; the pledge is delivered."], Snackbars);
        var after = Of(Database.Figures.Current);
        var three = ExactDecimal.Parse("300");
        Assert.Equal((before.Delivered + three, before.Committed - three), (after.Delivered, after.Committed));
        Assert.Equal(three, Database.Figures.Current.Pledges.Single(p => p.Id == id).ReceivedOffchain);
        Assert.Equal(PledgeStatus.Delivered, (await PledgeAsync("Bank Wire Foundation")).Status);
        await using var db = Database.CreateContext();
        var delivery = await db.OffchainDeliveries.SingleAsync(d => d.PledgeId == id);
        Assert.Equal((BigInteger.Parse("300000000000000000000"), "https://bank.example/receipt/42", "Wired to the custodian.", EditorName),
            (delivery.Amount, delivery.EvidenceUrl, delivery.Note, delivery.RecordedBy));
    }

    [Fact]
    public async Task An_off_chain_delivery_with_a_negative_amount_is_refused_beside_the_amount_and_changes_nothing()
    {
        var id = await EnterAsync("Negative Wire DAO");
        var snapshot = await SnapshotAsync();
        var page = Render<OffchainDeliveryPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#offchain-amount")));

        Type(page, "offchain-amount", "-1");
        Type(page, "offchain-evidence", "https://bank.example/receipt/1");
        Click(page, "Record the delivery");

        page.WaitForAssertion(() => Assert.Equal("The amount must be more than 0.", ErrorOf(page, "offchain-amount")));
        (await SnapshotAsync()).AssertSameAs(snapshot);
        AssertNothingLogged();
    }
}

#if !POSTGRESQL // There every query is a round trip already.
/// <summary>
/// The same flows with every query answered a moment later, as PostgreSQL answers: the dialog's title, rendered by MudBlazor's
/// container rather than the dialog, must follow the pledge it loads.
/// </summary>
public sealed class StatusFlowAfterRoundTripsTests : StatusFlowTests
{
    public StatusFlowAfterRoundTripsTests() => Intercept(new RoundTripDelay(TimeSpan.FromMilliseconds(20)));
}
#endif
