using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// Enters and moves pledges through the commands the admin forms call, as the signed-in editor, for tests about
/// what follows. (The pledge forms run in a circuit now; their own tests drive them in bUnit.)
/// </summary>
internal static class PledgeSeeding
{
    public static Dictionary<string, string> Fields(string pledger, string amount, string status, string asset = "ETH") => new()
    {
        ["Form.Pledger"] = pledger, ["Form.Amount"] = amount, ["Form.Asset"] = asset, ["Form.Status"] = status, ["Form.Terms"] = "grant",
        ["Form.TermsNote"] = "", ["Form.GovernanceUrl"] = "", ["Form.Source"] = "https://news.example/" + Uri.EscapeDataString(pledger),
        ["Form.Announced"] = "2026-04-26", ["Form.Senders"] = "",
    };

    /// <param name="browser">The signed-in editor the entry is made for: the audit trail names its account.</param>
    /// <returns>The new pledge's id.</returns>
    public static async Task<int> EnterAsync(LedgerPagesApp app, PageBrowser browser, string pledger, string amount = "1000", string status = "proposed")
    {
        var result = await Commands(app).CreateAsync(new PledgeInput(pledger, amount, "ETH", status, "grant", null, null,
            "https://news.example/" + Uri.EscapeDataString(pledger), "2026-04-26", []), ActorOf(browser), CancellationToken.None);
        Assert.True(result.Outcome == CommandOutcome.Ok, $"Entering {pledger}: {result.Outcome}");
        return result.Value!.Id;
    }

    /// <summary>A status change (withdrawn included) with its reason and source, at the pledge's current version.</summary>
    public static async Task ChangeStatusAsync(LedgerPagesApp app, PageBrowser browser, int id, string status, string reason, string source)
    {
        var result = await Commands(app).ChangeStatusAsync(id, new StatusChangeInput(status, reason, source), null, ActorOf(browser), CancellationToken.None);
        Assert.True(result.Outcome == CommandOutcome.Ok, $"Moving pledge {id} to {status}: {result.Outcome}");
    }

    private static Actor ActorOf(PageBrowser browser) => new(null, browser.DisplayName ?? LedgerPagesApp.EditorName, "form");

    private static PledgeCommands Commands(LedgerPagesApp app) => app.Services.GetRequiredService<PledgeCommands>();
}
