using System.Net;
using RescueTracker.Data;
using RescueTracker.Tests.Admin.Api;

namespace RescueTracker.Tests.Admin.Pages;

public class StatusFlowTests(LedgerPagesApp app) : IClassFixture<LedgerPagesApp>
{
    private static Dictionary<string, string> Change(string status, string reason, string source) =>
        new() { ["Form.Status"] = status, ["Form.Reason"] = reason, ["Form.Source"] = source };

    [Fact]
    public async Task A_proposal_moved_to_committed_and_then_withdrawn_moves_the_dashboard_figures_by_exactly_its_amount()
    {
        using var browser = await app.SignedInAsync();
        var start = await app.DashboardAsync(browser);
        var id = await PledgeSeeding.EnterAsync(app, browser, "Flow DAO", "700");
        var proposed = await app.DashboardAsync(browser);

        var committedResponse = await browser.SubmitAsync($"/admin/pledges/{id}/status", "pledge-status",
            Change("committed", "The DAO vote passed.", "https://vote.example/flow/1"));
        var committed = await app.DashboardAsync(browser);
        var withdrawnResponse = await browser.SubmitAsync($"/admin/pledges/{id}/withdraw", "withdraw-pledge",
            new Dictionary<string, string> { ["Form.Reason"] = "The treasury pulled out.", ["Form.Source"] = "https://news.example/flow-pulled" });
        var withdrawn = await app.DashboardAsync(browser);

        Assert.Equal((start.Proposed + 700, start.Committed), (proposed.Proposed, proposed.Committed));
        Assert.Equal(HttpStatusCode.Redirect, committedResponse.StatusCode);
        Assert.Equal((start.Proposed, start.Committed + 700), (committed.Proposed, committed.Committed));
        Assert.Equal(start.UncoveredIfAll - 700, committed.UncoveredIfAll);
        Assert.Equal(HttpStatusCode.Redirect, withdrawnResponse.StatusCode);
        Assert.Equal($"/admin/pledges?done=status&id={id}", withdrawnResponse.Headers.Location!.PathAndQuery);
        Assert.Equal(start, withdrawn);
        var pledge = await app.PledgeAsync("Flow DAO");
        Assert.Equal((PledgeStatus.Withdrawn, 3), (pledge.Status, pledge.Version));
        var (_, list) = await browser.GetAsync(withdrawnResponse.Headers.Location.PathAndQuery);
        Assert.Equal("Flow DAO's pledge is now withdrawn (version 3).", list.QuerySelector("[role=status]")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_status_page_offers_proposed_committed_and_withdrawn_only_and_explains_delivered()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Options DAO");

        var (_, page) = await browser.GetAsync($"/admin/pledges/{id}/status");

        var options = page.QuerySelectorAll("select[name='Form.Status'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["proposed", "committed", "withdrawn"], options);
        Assert.Contains("Delivered is not offered: a pledge becomes delivered when the transfers it received", page.QuerySelector(".note")!.TextContent);
        Assert.Equal("Source (required; for committed, the evidence URL such as the passed vote)",
            page.QuerySelector("label[for=status-source]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("committed", "", "https://vote.example/1", "Reason", "A reason is required.")]
    [InlineData("committed", "Vote passed.", "", "Source", "The evidence URL (such as the passed vote) is required.")]
    [InlineData("withdrawn", "Pulled.", "javascript:alert(1)", "Source", "The source must be an absolute http or https address.")]
    [InlineData("delivered", "Paid.", "https://news.example/paid", "Status", "Delivered is never set by hand: it follows received transfers or a recorded off-chain delivery.")]
    public async Task A_refused_status_change_shows_the_message_beside_its_field_and_changes_nothing(
        string status, string reason, string source, string property, string message)
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, $"Refused {property} {status} DAO");
        var snapshot = await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString);

        var response = await browser.SubmitAsync($"/admin/pledges/{id}/status", "pledge-status", Change(status, reason, source));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageBrowser.ParseAsync(response);
        Assert.Equal(message, page.GetElementById($"{property.ToLowerInvariant()}-error")?.TextContent.Trim());
        Assert.Equal($"{property.ToLowerInvariant()}-error", page.QuerySelector($"[name='Form.{property}']")!.GetAttribute("aria-describedby"));
        (await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString)).AssertSameAs(snapshot);
    }

    [Fact]
    public async Task The_withdraw_form_without_a_reason_is_refused_beside_the_reason_and_the_pledge_stays_open()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Unexplained DAO");
        var snapshot = await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString);

        var response = await browser.SubmitAsync($"/admin/pledges/{id}/withdraw", "withdraw-pledge",
            new Dictionary<string, string> { ["Form.Reason"] = "", ["Form.Source"] = "https://news.example/x" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A reason is required.", (await PageBrowser.ParseAsync(response)).GetElementById("reason-error")?.TextContent.Trim());
        (await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString)).AssertSameAs(snapshot);
        Assert.Equal(PledgeStatus.Proposed, (await app.PledgeAsync("Unexplained DAO")).Status);
    }

    [Fact]
    public async Task An_off_chain_delivery_of_the_full_amount_makes_the_pledge_delivered_and_the_public_page_marks_it_off_chain()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Bank Wire Foundation", "300", "committed");
        var before = await app.DashboardAsync(browser);

        var response = await browser.SubmitAsync($"/admin/pledges/{id}/offchain", "offchain-delivery", new Dictionary<string, string>
            { ["Form.Amount"] = "300", ["Form.EvidenceUrl"] = "https://bank.example/receipt/42", ["Form.Note"] = "Wired to the custodian." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.DashboardAsync(browser);
        Assert.Equal((before.Delivered + 300, before.Committed - 300), (after.Delivered, after.Committed));
        Assert.Equal(PledgeStatus.Delivered, (await app.PledgeAsync("Bank Wire Foundation")).Status);
        var (_, pledgePage) = await browser.GetAsync($"/pledges/{id}");
        Assert.Equal("incl. 300 ETH off-chain", pledgePage.QuerySelector(".offchain-note")?.TextContent.Trim());
        var row = pledgePage.QuerySelector(".offchain table tbody tr")!;
        Assert.Equal("off-chain", row.QuerySelector(".badge-offchain")?.TextContent);
        Assert.Equal("Wired to the custodian.", row.QuerySelectorAll("td")[4].TextContent);
        Assert.Equal(LedgerPagesApp.EditorName, row.QuerySelectorAll("td")[5].TextContent);
    }

    [Fact]
    public async Task An_off_chain_delivery_with_a_negative_amount_is_refused_beside_the_amount_and_changes_nothing()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Negative Wire DAO");
        var snapshot = await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString);

        var response = await browser.SubmitAsync($"/admin/pledges/{id}/offchain", "offchain-delivery", new Dictionary<string, string>
            { ["Form.Amount"] = "-1", ["Form.EvidenceUrl"] = "https://bank.example/receipt/1", ["Form.Note"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The amount must be more than 0.", (await PageBrowser.ParseAsync(response)).GetElementById("amount-error")?.TextContent.Trim());
        (await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString)).AssertSameAs(snapshot);
    }
}
