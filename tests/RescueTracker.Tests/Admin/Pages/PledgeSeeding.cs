using System.Net;

namespace RescueTracker.Tests.Admin.Pages;

/// <summary>Enters pledges through the new-proposal form, as an editor would, for tests about what follows.</summary>
internal static class PledgeSeeding
{
    public static Dictionary<string, string> Fields(string pledger, string amount, string status, string asset = "ETH") => new()
    {
        ["Form.Pledger"] = pledger, ["Form.Amount"] = amount, ["Form.Asset"] = asset, ["Form.Status"] = status, ["Form.Terms"] = "grant",
        ["Form.TermsNote"] = "", ["Form.GovernanceUrl"] = "", ["Form.Source"] = "https://news.example/" + Uri.EscapeDataString(pledger),
        ["Form.Announced"] = "2026-04-26", ["Form.Senders"] = "",
    };

    /// <returns>The new pledge's id.</returns>
    public static async Task<int> EnterAsync(LedgerPagesApp app, PageBrowser browser, string pledger, string amount = "1000", string status = "proposed")
    {
        var response = await browser.SubmitAsync("/admin/pledges/new", "create-pledge", Fields(pledger, amount, status));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Entering {pledger} answered {(int)response.StatusCode}");
        return (await app.PledgeAsync(pledger)).Id;
    }
}
