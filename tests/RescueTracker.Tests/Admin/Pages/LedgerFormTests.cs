using System.Net;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Admin.Api;

namespace RescueTracker.Tests.Admin.Pages;

/// <summary>The forms around the pledges: pledgers, shortfall items, assets and rates, recovery addresses, attribution.</summary>
public class LedgerFormTests(LedgerPagesApp app) : IClassFixture<LedgerPagesApp>
{
    private async Task AssertRefusedAsync(PageBrowser browser, string url, string formName, Dictionary<string, string> fields, string property, string message)
    {
        var snapshot = await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString);
        var response = await browser.SubmitAsync(url, formName, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageBrowser.ParseAsync(response);
        Assert.Equal(message, page.GetElementById($"{property.ToLowerInvariant()}-error")?.TextContent.Trim());
        (await DatabaseSnapshot.TakeAsync(app.Database.ConnectionString)).AssertSameAs(snapshot);
    }

    [Fact]
    public async Task Renaming_a_pledger_changes_the_name_on_its_public_pledge_page_and_bumps_its_version()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Misspeled Labs", "10");
        var pledger = (await app.PledgeAsync("Misspeled Labs")).Pledger!;
        var pledgerId = pledger.Id;

        var response = await browser.SubmitAsync($"/admin/pledgers/{pledgerId}", "rename-pledger",
            new Dictionary<string, string> { ["Form.Name"] = "Misspelled Labs", ["Form.Reason"] = "Typo." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, list) = await browser.GetAsync(response.Headers.Location!.PathAndQuery);
        Assert.Equal($"Renamed to Misspelled Labs (version {pledger.Version + 1}).", list.QuerySelector("[role=status]")?.TextContent.Trim());
        var (_, pledgePage) = await browser.GetAsync($"/pledges/{id}");
        Assert.Equal("Misspelled Labs", pledgePage.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Renaming_a_pledger_to_a_name_already_taken_is_refused_beside_the_name()
    {
        using var browser = await app.SignedInAsync();
        await PledgeSeeding.EnterAsync(app, browser, "Taken Name Co", "10");
        var pledgerId = (await app.PledgeAsync("Taken Name Co")).PledgerId;

        await AssertRefusedAsync(browser, $"/admin/pledgers/{pledgerId}", "rename-pledger",
            new() { ["Form.Name"] = "Mantle", ["Form.Reason"] = "" }, "Name", "There is already a pledger named Mantle.");
    }

    [Fact]
    public async Task A_recovery_item_added_through_the_form_lowers_the_shortfall_by_exactly_its_amount()
    {
        using var browser = await app.SignedInAsync();
        var before = await app.DashboardAsync(browser);

        var response = await browser.SubmitAsync("/admin/shortfall", "add-shortfall", new Dictionary<string, string>
        {
            ["Form.Label"] = "Frozen by Kelp", ["Form.Kind"] = "recovery", ["Form.Amount"] = "43168.5", ["Form.Asset"] = "ETH",
            ["Form.Date"] = "2026-04-28", ["Form.Source"] = "https://governance.example/aave/accounting",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.DashboardAsync(browser);
        Assert.Equal(before.Shortfall - Chain.ExactDecimal.Parse("43168.5"), after.Shortfall);
        var (_, page) = await browser.GetAsync(response.Headers.Location!.PathAndQuery);
        Assert.Equal("Added “Frozen by Kelp”.", page.QuerySelector("[role=status]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Revising_a_shortfall_item_saves_the_new_amount_and_a_stale_version_is_refused_with_a_conflict_box()
    {
        using var first = await app.SignedInAsync();
        using var second = await app.SignedInAsync();
        var id = await app.QueryAsync(db => db.ShortfallItems.Where(s => s.Kind == ShortfallKind.Loss).Select(s => s.Id).FirstAsync());
        var firstForm = await first.LoadFormAsync($"/admin/shortfall/{id}/edit", "edit-shortfall");
        var secondForm = await second.LoadFormAsync($"/admin/shortfall/{id}/edit", "edit-shortfall");

        var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Form.Amount"] = "163183" });
        var refused = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Form.Amount"] = "99000" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var box = (await PageBrowser.ParseAsync(refused)).QuerySelector(".conflict-box")!;
        Assert.Equal(["Amount", "99000", "163183"], box.QuerySelectorAll("tbody tr > *").Select(c => c.TextContent.Trim()));
        var item = await app.QueryAsync(db => db.ShortfallItems.SingleAsync(s => s.Id == id));
        Assert.Equal(BigInteger.Parse("163183") * BigInteger.Pow(10, 18), item.Amount);
    }

    [Fact]
    public async Task A_shortfall_item_with_an_unknown_asset_is_refused_beside_the_asset()
    {
        using var browser = await app.SignedInAsync();
        await AssertRefusedAsync(browser, "/admin/shortfall", "add-shortfall", new()
        {
            ["Form.Label"] = "Loss", ["Form.Kind"] = "loss", ["Form.Amount"] = "1", ["Form.Asset"] = "DOGE",
            ["Form.Date"] = "2026-04-28", ["Form.Source"] = "https://news.example/x",
        }, "Asset", "Unknown asset 'DOGE'.");
    }

    [Fact]
    public async Task A_new_stETH_rate_is_kept_in_the_dated_history_and_values_Lido_proposal_at_the_new_rate()
    {
        using var browser = await app.SignedInAsync();
        var before = await app.DashboardAsync(browser);
        var stEth = await app.QueryAsync(db => db.Assets.SingleAsync(a => a.Symbol == "stETH"));

        var response = await browser.SubmitAsync($"/admin/assets/{stEth.Id}", "set-rate", new Dictionary<string, string>
            { ["Form.EthRate"] = "0.9", ["Form.Tolerance"] = "2", ["Form.Source"] = "https://prices.example/steth" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.DashboardAsync(browser);
        Assert.Equal(before.Proposed - 250, after.Proposed);
        var (_, page) = await browser.GetAsync(response.Headers.Location!.PathAndQuery);
        Assert.Equal($"New rate 0.9 ETH in effect (version {stEth.Version + 1}).", page.QuerySelector("[role=status]")?.TextContent.Trim());
        var rates = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal(["0.9", "1"], rates);
    }

    [Fact]
    public async Task A_new_asset_with_a_bad_contract_checksum_is_refused_beside_the_contract()
    {
        using var browser = await app.SignedInAsync();
        await AssertRefusedAsync(browser, "/admin/assets", "create-asset", new()
        {
            ["Form.Symbol"] = "wstETH", ["Form.ChainId"] = "1", ["Form.Contract"] = "0x7F39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0",
            ["Form.Decimals"] = "18", ["Form.EthRate"] = "1.2", ["Form.Tolerance"] = "0", ["Form.Source"] = "",
        }, "Contract", "'0x7F39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.");
    }

    [Fact]
    public async Task A_recovery_address_is_added_under_its_chain_and_a_duplicate_is_refused()
    {
        using var browser = await app.SignedInAsync();
        var fields = new Dictionary<string, string>
            { ["Form.ChainId"] = "42161", ["Form.Address"] = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", ["Form.Reason"] = "Safe proposed in the forum." };

        var response = await browser.SubmitAsync("/admin/recovery-addresses", "add-recovery-address", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await browser.GetAsync("/admin/recovery-addresses");
        Assert.Equal(["0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"],
            page.QuerySelectorAll("section[aria-labelledby='chain-42161'] .address").Select(a => a.TextContent));
        await AssertRefusedAsync(browser, "/admin/recovery-addresses", "add-recovery-address", fields, "Address",
            "This address is already a recovery address on that chain.");
    }

    [Fact]
    public async Task An_unattributed_inflow_attributed_to_a_pledge_of_its_asset_counts_toward_that_pledge()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Late Sender DAO", "50", "committed");
        var eth = await app.QueryAsync(db => db.Assets.SingleAsync(a => a.Symbol == "ETH"));
        var transferId = await app.QueryAsync(async db =>
        {
            var transfer = new Transfer
            {
                ChainId = 1, TxHash = "0x" + new string('a', 64), Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_001,
                BlockHash = "0x" + new string('b', 64), From = "0x1111111111111111111111111111111111111111",
                To = "0x2222222222222222222222222222222222222222", AssetId = eth.Id, Amount = BigInteger.Pow(10, 19), Confirmed = true,
                SeenAt = DateTimeOffset.UtcNow,
            };
            db.Transfers.Add(transfer);
            await db.SaveChangesAsync();
            return transfer.Id;
        });
        var (_, list) = await browser.GetAsync("/admin/transfers/unattributed");
        Assert.NotNull(list.QuerySelector($"a[href='/admin/transfers/{transferId}/attribute']"));

        var response = await browser.SubmitAsync($"/admin/transfers/{transferId}/attribute", "attribute-transfer",
            new Dictionary<string, string> { ["Form.PledgeId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.Reason"] = "Confirmed by the DAO." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var transferRow = await app.QueryAsync(db => db.Transfers.SingleAsync(t => t.Id == transferId));
        Assert.Equal((id, true), (transferRow.PledgeId, transferRow.AttributedByAdmin));
        var (_, pledgePage) = await browser.GetAsync($"/pledges/{id}");
        Assert.Equal("10 ETH", pledgePage.QuerySelector(".received")?.ChildNodes[0].TextContent.Trim());
    }
}
