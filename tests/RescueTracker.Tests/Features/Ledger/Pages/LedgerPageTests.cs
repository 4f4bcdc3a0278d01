using System.Numerics;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>The forms around the pledges, in the circuit: pledgers, shortfall items, assets and rates, recovery addresses, attribution.</summary>
public class LedgerPageTests : AdminComponentTest
{
    private static readonly Actor Seeder = new("seeder-id", "Sam Seeder", "form");

    private async Task<int> EnterPledgeAsync(string pledger, string amount = "10", string status = "proposed")
    {
        var result = await Services.GetRequiredService<PledgeCommands>().CreateAsync(
            new PledgeInput(pledger, amount, "ETH", status, "grant", null, null, "https://news.example/pledge", "2026-04-26", null, []), Seeder, CancellationToken.None);
        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        return result.Value!.Id;
    }

    private async Task AssertRefusedAsync<TPage>(Func<Task> submit, Bunit.IRenderedComponent<TPage> page, string label, string message)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var snapshot = await DatabaseSnapshot.TakeAsync(Database.File);
        await submit();
        Assert.Equal(message, page.ErrorBeside(label));
        (await DatabaseSnapshot.TakeAsync(Database.File)).AssertSameAs(snapshot);
    }

    [Fact]
    public async Task Renaming_a_pledger_changes_the_name_in_the_figures_bumps_its_version_and_says_so()
    {
        var id = await EnterPledgeAsync("Misspeled Labs");
        await using var db = Database.CreateContext();
        var pledger = await db.Pledgers.SingleAsync(p => p.Name == "Misspeled Labs");
        var page = this.RenderPage<RenamePledgerPage>(("Id", pledger.Id));

        await page.FillAsync("Name", "Misspelled Labs");
        await page.FillAsync("Reason (kept in the audit trail)", "Typo.");
        await page.ClickButtonAsync("Rename");

        Assert.Equal([$"Renamed to Misspelled Labs (version {pledger.Version + 1})."], this.Snackbars());
        Assert.Equal("/admin/pledgers", this.Path());
        Assert.Equal("Misspelled Labs", Assert.Single(Database.Figures.Current.Pledges, p => p.Id == id).Pledger);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "pledger.rename");
        Assert.Equal((EditorName, "Typo."), (audit.Actor, audit.Reason));
    }

    [Fact]
    public async Task Renaming_a_pledger_to_a_name_already_taken_is_refused_beside_the_name()
    {
        await EnterPledgeAsync("Taken Name Co");
        var page = this.RenderPage<RenamePledgerPage>(("Id", (await Database.PledgeAsync("Taken Name Co")).PledgerId));

        await page.FillAsync("Name", "Mantle");
        await AssertRefusedAsync(() => page.ClickButtonAsync("Rename"), page, "Name", "There is already a pledger named Mantle.");
    }

    [Fact]
    public async Task The_pledgers_grid_pages_sorts_and_searches_in_the_database()
    {
        for (var i = 1; i <= 30; i++) await EnterPledgeAsync($"Grid Pledger {i:00}");
        var page = this.RenderPage<PledgersPage>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("td[data-label=Name]").Count));
        await page.FillAsync("Name contains", "grid pledger 3");
        page.WaitForAssertion(() => Assert.Equal(["Grid Pledger 30"], page.FindAll("td[data-label=Name]").Select(c => c.TextContent.Trim())));
        Assert.Equal("/admin/pledgers/" + (await Database.PledgeAsync("Grid Pledger 30")).PledgerId,
            page.Find("td[data-label=Actions] a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_recovery_item_added_through_the_form_lowers_the_shortfall_by_exactly_its_amount()
    {
        var before = Database.Figures.Current.ShortfallEth;
        var page = this.RenderPage<ShortfallPage>();

        await page.FillAsync("Label", "Frozen by Kelp");
        await page.ChooseAsync("Kind", "recovery (frozen or recovered; reduces the gap)");
        await page.FillAsync("Amount", "43168.5");
        await page.FillAsync("Date (YYYY-MM-DD)", "2026-04-28");
        await page.FillAsync("Source (required)", "https://governance.example/aave/accounting");
        await page.ClickButtonAsync("Add the item");

        Assert.Equal(["Added “Frozen by Kelp”."], this.Snackbars());
        Assert.Equal(before - ExactDecimal.Parse("43168.5"), Database.Figures.Current.ShortfallEth);
        Assert.Contains(page.FindAll("td[data-label=Amount]"), c => c.TextContent.Trim() == "−43,168.5 ETH");
    }

    [Fact]
    public async Task Revising_a_shortfall_item_saves_it_and_a_stale_version_is_refused_with_what_changed_and_nothing_overwritten()
    {
        await using var db = Database.CreateContext();
        var loss = await db.ShortfallItems.Where(s => s.Kind == ShortfallKind.Loss).Select(s => new { s.Id, s.Version }).FirstAsync();
        var (id, version) = (loss.Id, loss.Version);
        var first = this.RenderPage<EditShortfallPage>(("Id", id));
        var second = this.RenderPage<EditShortfallPage>(("Id", id));

        await first.FillAsync("Amount", "163183");
        await first.ClickButtonAsync("Save");
        await second.FillAsync("Amount", "99000");
        await second.ClickButtonAsync("Save");

        var box = second.Find(".conflict-box");
        Assert.Equal(["Amount", "99000", "163183"], box.QuerySelectorAll("tbody tr > *").Select(c => c.TextContent.Trim()));
        Assert.Equal("163183", second.Input("Amount").GetAttribute("value"));
        var item = await Database.CreateContext().ShortfallItems.SingleAsync(s => s.Id == id);
        Assert.Equal((BigInteger.Parse("163183") * BigInteger.Pow(10, 18), version + 1), (item.Amount, item.Version));
    }

    [Fact]
    public async Task A_shortfall_item_with_an_unknown_date_is_refused_beside_the_date()
    {
        var page = this.RenderPage<ShortfallPage>();
        await page.FillAsync("Label", "Loss");
        await page.FillAsync("Amount", "1");
        await page.FillAsync("Date (YYYY-MM-DD)", "28/04/2026");
        await page.FillAsync("Source (required)", "https://news.example/x");

        await AssertRefusedAsync(() => page.ClickButtonAsync("Add the item"), page, "Date (YYYY-MM-DD)", ShortfallDateMessage);
    }

    [Fact]
    public async Task A_new_stETH_rate_is_kept_in_the_dated_history_and_values_Lido_proposal_at_the_new_rate()
    {
        var before = Database.Figures.Current.OutstandingProposedEth;
        var stEth = await Database.AssetAsync("stETH");
        var page = this.RenderPage<AssetRatePage>(("Id", stEth.Id));

        await page.FillAsync("ETH rate (ETH per stETH)", "0.9");
        await page.FillAsync($"Tolerance (base units; empty keeps {stEth.Tolerance})", "2");
        await page.FillAsync("Source of the rate (required)", "https://prices.example/steth");
        await page.ClickButtonAsync("Set the rate");

        Assert.Equal(before - 250, Database.Figures.Current.OutstandingProposedEth);
        Assert.Equal([$"New rate 0.9 ETH in effect (version {stEth.Version + 1})."], this.Snackbars());
        Assert.Equal(["0.9", "1"], page.FindAll("td[data-label='ETH rate']").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_new_asset_with_a_bad_contract_checksum_is_refused_beside_the_contract()
    {
        var page = this.RenderPage<AssetsPage>();
        await page.FillAsync("Symbol (unique, e.g. ETH.arb for ETH on Arbitrum)", "wstETH");
        await page.FillAsync("Token contract (empty for the chain's native coin)", "0x7F39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0");
        await page.FillAsync("ETH rate (ETH per token unit)", "1.2");

        await AssertRefusedAsync(() => page.ClickButtonAsync("Add the asset"), page, "Token contract (empty for the chain's native coin)",
            "'0x7F39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.");
    }

    [Fact]
    public async Task A_recovery_address_is_added_under_its_chain_and_a_duplicate_is_refused()
    {
        var page = this.RenderPage<RecoveryAddressesPage>();
        async Task EnterAsync()
        {
            await page.ChooseAsync("Chain", "Arbitrum One (42161)");
            await page.FillAsync("Address (all lower case, or mixed case with a valid EIP-55 checksum)", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
            await page.FillAsync("Reason (where the address was announced)", "Safe proposed in the forum.");
        }

        await EnterAsync();
        await page.ClickButtonAsync("Add the address");

        Assert.Equal(["0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"], page.FindAll("td[data-chain='42161'] .address").Select(a => a.TextContent));
        await EnterAsync();
        await AssertRefusedAsync(() => page.ClickButtonAsync("Add the address"), page,
            "Address (all lower case, or mixed case with a valid EIP-55 checksum)", "This address is already a recovery address on that chain.");
    }

    [Fact]
    public async Task An_unattributed_inflow_attributed_to_a_pledge_of_its_asset_counts_toward_that_pledge()
    {
        var id = await EnterPledgeAsync("Late Sender DAO", "50", "committed");
        var eth = await Database.AssetAsync("ETH");
        await Database.AddTransferAsync(null, eth.Id, BigInteger.Pow(10, 19));
        var transferId = await Database.CreateContext().Transfers.Where(t => t.PledgeId == null).Select(t => t.Id).SingleAsync();
        var list = this.RenderPage<AdminTransfersPage>();
        list.WaitForAssertion(() => Assert.Equal($"/admin/transfers/{transferId}/attribute", list.Find("td[data-label=Actions] a").GetAttribute("href")));
        Assert.Equal("10 ETH", list.Find("td[data-label=Amount]").TextContent.Trim());

        var page = this.RenderPage<AttributeTransferPage>(("Id", transferId));
        await page.ChooseAsync("Pledge (open pledges in ETH)", $"Late Sender DAO (pledge {id}, committed)");
        await page.FillAsync("Reason (how it is known the transfer pays this pledge)", "Confirmed by the DAO.");
        await page.ClickButtonAsync("Attribute");

        var transfer = await Database.CreateContext().Transfers.SingleAsync(t => t.Id == transferId);
        Assert.Equal((id, true), (transfer.PledgeId, transfer.AttributedByAdmin));
        Assert.Equal("/admin/transfers/unattributed", this.Path());
        Assert.Equal(ExactDecimal.Parse("10"), Assert.Single(Database.Figures.Current.Pledges, p => p.Id == id).Received);
    }

    private const string ShortfallDateMessage = "'28/04/2026' is not a date in the form YYYY-MM-DD.";
}
