using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>The acceptance for the admin API, on the shipped seed (outstanding committed 6000, pledged 43500).</summary>
public class AcceptanceTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Posting_1000_ETH_committed_raises_outstanding_committed_from_6000_to_7000_and_withdrawing_it_lowers_it_back()
    {
        using var client = await app.EditorClientAsync();
        var start = await app.GetJsonAsync("/api/summary");
        Assert.Equal("6000", start.Str("outstandingCommittedEth"));
        Assert.Equal("43500", start.Str("pledgedEth"));

        var created = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Aave DAO", "1000", "ETH", "committed")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pledge = await ApiJson.ReadAsync(created);
        var id = pledge.GetProperty("id").GetInt32();
        Assert.Equal($"/api/admin/pledges/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(1, pledge.GetProperty("version").GetInt32());
        Assert.Equal("Aave DAO", pledge.Str("pledger"));
        Assert.Equal("1000", pledge.Str("amount"));
        Assert.Equal("ETH", pledge.Str("asset"));
        Assert.Equal("committed", pledge.Str("status"));
        Assert.Equal(Bodies.Source, pledge.Str("source"));
        var raised = await app.GetJsonAsync("/api/summary");
        Assert.Equal("7000", raised.Str("outstandingCommittedEth"));
        Assert.Equal("44500", raised.Str("pledgedEth"));
        Assert.Equal(start.Str("outstandingProposedEth"), raised.Str("outstandingProposedEth"));

        var withdrawn = await client.PostAsync($"/api/admin/pledges/{id}/status",
            AdminApi.JsonBody(Bodies.Status("withdrawn", "The Aave DAO vote failed.", "https://governance.example.org/t/vote-failed/7")));

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = await ApiJson.ReadAsync(withdrawn);
        Assert.Equal("withdrawn", after.Str("status"));
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        var back = await app.GetJsonAsync("/api/summary");
        Assert.Equal("6000", back.Str("outstandingCommittedEth"));
        Assert.Equal("43500", back.Str("pledgedEth"));

        await using var db = app.Db();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "pledge" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["pledge.create", "pledge.status"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("Aave DAO", a.EntityLabel));
        Assert.All(audit, a => Assert.Equal($"{AdminApi.EditorName} (api key Editor script)", a.Actor));
        Assert.Equal("The Aave DAO vote failed.", audit[1].Reason);
        Assert.Equal("https://governance.example.org/t/vote-failed/7", audit[1].Source);
        Assert.Equal("committed", JsonNode.Parse(audit[1].Before!)!["status"]!.GetValue<string>());
        Assert.Equal("withdrawn", JsonNode.Parse(audit[1].After!)!["status"]!.GetValue<string>());

        // And in the audit page's grid (its query; the page itself renders rows in the circuit), each entry naming the pledger.
        var trail = await app.Services.GetRequiredService<RescueTracker.Features.Ledger.Pages.AuditQuery>().RunAsync(new("pledge", null, null, null, null, null),
            new RescueTracker.Features.Ledger.Pages.GridRequest(0, RescueTracker.Features.Ledger.Pages.AuditQuery.PageSize, null, false), CancellationToken.None);
        var entries = trail.Items.Where(e => e.EntityLabel == "Aave DAO").Select(e => e.Action).ToList();
        Assert.Equal(["pledge.status", "pledge.create"], entries);
    }

    public static TheoryData<string, JsonObject, string> RefusedPledges => new()
    {
        { "a negative amount", Bodies.Pledge().With("amount", "-1000"), "amount" },
        { "an unknown asset", Bodies.Pledge().With("asset", "BTC"), "asset" },
        // The WETH contract's EIP-55 spelling with one letter's case flipped (the 'a' after C02 is now 'A').
        { "a mixed-case address with a bad checksum", Bodies.Pledge().With("senders", new JsonArray("0xC02AaA39b223FE8D0A0e5C4F27eAD9083C756Cc2")), "senders" },
        { "status delivered", Bodies.Pledge().With("status", "delivered"), "status" },
    };

    [Theory]
    [MemberData(nameof(RefusedPledges))]
    public async Task A_refused_pledge_gets_400_naming_the_field_and_changes_no_row_and_no_figure(string what, JsonObject body, string field)
    {
        using var client = await app.EditorClientAsync();
        var summary = (await app.GetJsonAsync("/api/summary")).GetRawText();
        var before = await app.SnapshotAsync();

        var response = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(body));

        var problem = await ApiJson.AssertInvalidAsync(response, field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Messages(field)), what);
        (await app.SnapshotAsync()).AssertSameAs(before);
        Assert.Equal(summary, (await app.GetJsonAsync("/api/summary")).GetRawText());
    }

    [Fact]
    public void The_bad_checksum_used_above_is_the_valid_WETH_address_with_one_letter_flipped()
    {
        // Guards the acceptance case: the lower-case and the correctly checksummed forms are both accepted.
        Assert.True(RescueTracker.Chain.EthAddress.TryParse("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", out _));
        Assert.True(RescueTracker.Chain.EthAddress.TryParse("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", out _));
        Assert.False(RescueTracker.Chain.EthAddress.TryParse("0xC02AaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", out _));
    }
}
