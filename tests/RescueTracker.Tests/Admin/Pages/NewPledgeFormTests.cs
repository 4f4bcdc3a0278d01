using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Tests.Admin.Api;

namespace RescueTracker.Tests.Admin.Pages;

public class NewPledgeFormTests(LedgerPagesApp app) : IClassFixture<LedgerPagesApp>
{
    private static Dictionary<string, string> Proposal(string pledger, string amount = "1000", string status = "committed") => new()
    {
        ["Form.Pledger"] = pledger, ["Form.Amount"] = amount, ["Form.Asset"] = "ETH", ["Form.Status"] = status, ["Form.Terms"] = "grant",
        ["Form.TermsNote"] = "", ["Form.GovernanceUrl"] = "https://vote.example/proposals/7", ["Form.Source"] = "https://news.example/pledge",
        ["Form.Announced"] = "2026-04-26", ["Form.Senders"] = "",
    };

    [Fact]
    public async Task A_committed_1000_ETH_proposal_entered_through_the_form_raises_outstanding_committed_on_the_dashboard_by_exactly_1000()
    {
        using var browser = await app.SignedInAsync();
        var before = await app.DashboardAsync(browser);

        var response = await browser.SubmitAsync("/admin/pledges/new", "create-pledge", Proposal("Form Foundation"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pledge = await app.PledgeAsync("Form Foundation");
        Assert.Equal($"/admin/pledges?done=created&id={pledge.Id}", response.Headers.Location!.PathAndQuery);
        var after = await app.DashboardAsync(browser);
        Assert.Equal(before.Committed + 1000, after.Committed);
        Assert.Equal(before.Proposed, after.Proposed);
        Assert.Equal(before.UncoveredIfAll - 1000, after.UncoveredIfAll);
        Assert.Equal(before.Delivered, after.Delivered);
        Assert.Equal(PledgeStatus.Committed, pledge.Status);
        Assert.Equal(1, pledge.Version);
        Assert.Equal(System.Numerics.BigInteger.Parse("1000000000000000000000"), pledge.Amount);
    }

    [Fact]
    public async Task After_saving_the_list_confirms_the_new_pledge_and_shows_it_with_status_and_version()
    {
        using var browser = await app.SignedInAsync();
        var response = await browser.SubmitAsync("/admin/pledges/new", "create-pledge", Proposal("Listed DAO", "250.5", "proposed"));

        var (_, page) = await browser.GetAsync(response.Headers.Location!.PathAndQuery);

        Assert.Equal("Entered the pledge of Listed DAO (version 1).", page.QuerySelector("[role=status]")?.TextContent.Trim());
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")?.TextContent == "Listed DAO");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Listed DAO", "250.5 ETH", "proposed", "grant", "1"], cells.Take(5));
        var id = (await app.PledgeAsync("Listed DAO")).Id;
        Assert.NotNull(row.QuerySelector($"a[href='/admin/pledges/{id}/edit']"));
        Assert.NotNull(row.QuerySelector($"a[href='/admin/pledges/{id}/status']"));
    }

    [Theory]
    [InlineData("Form.Amount", "-5", "Amount", "The amount must be more than 0.")]
    [InlineData("Form.Asset", "XYZ", "Asset", "Unknown asset 'XYZ'.")]
    [InlineData("Form.Senders", "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "Senders",
        "Line 1: '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.")]
    [InlineData("Form.Pledger", "", "Pledger", "The pledger is required.")]
    [InlineData("Form.Status", "delivered", "Status", "Delivered is never set by hand: it follows received transfers or a recorded off-chain delivery.")]
    public async Task Invalid_input_shows_the_message_beside_its_input_and_changes_nothing(string field, string value, string property, string message)
    {
        using var browser = await app.SignedInAsync();
        var snapshot = await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString);
        var fields = Proposal("Refused Foundation");
        fields[field] = value;

        var response = await browser.SubmitAsync("/admin/pledges/new", "create-pledge", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageBrowser.ParseAsync(response);
        var errorId = $"{property.ToLowerInvariant()}-error";
        var error = page.GetElementById(errorId);
        Assert.NotNull(error);
        Assert.Equal(message, error.TextContent.Trim());
        var input = page.QuerySelector($"[name='{field}']")!;
        Assert.Contains(errorId, input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Single(page.QuerySelectorAll(".field-error"));
        (await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString)).AssertSameAs(snapshot);
    }
}
