using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>voteDeadline through the admin API: entered, edited with an audit diff, shown in the public JSON; a bad day is a 400 that changes nothing.</summary>
public class VoteDeadlineApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_vote_deadline_is_entered_and_edited_through_the_api_audited_and_public()
    {
        using var client = await app.EditorClientAsync();
        var created = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Deadline DAO", status: "proposed").With("voteDeadline", "2026-05-15")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var state = await ApiJson.ReadAsync(created);
        var id = state.GetProperty("id").GetInt32();
        Assert.Equal("2026-05-15", state.Str("voteDeadline"));
        Assert.Equal("2026-05-15", (await app.GetJsonAsync($"/api/pledges/{id}")).Str("voteDeadline"));

        var edited = await client.PutAsync($"/api/admin/pledges/{id}",
            AdminApi.JsonBody(Bodies.Edit(state).With("voteDeadline", "2026-05-20").With("reason", "The vote was extended.")));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("2026-05-20", (await ApiJson.ReadAsync(edited)).Str("voteDeadline"));
        Assert.Equal("2026-05-20", (await app.GetJsonAsync("/api/pledges")).EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == id).Str("voteDeadline"));

        await using var db = app.Db();
        var audit = await db.AuditEntries.Where(a => a.Action == "pledge.update" && a.EntityId == id.ToString()).SingleAsync();
        Assert.Equal([new AuditDiffRow("version", "1", "2"), new AuditDiffRow("voteDeadline", "2026-05-15", "2026-05-20")],
            AuditDiff.Of(audit.Before, audit.After).OrderBy(r => r.Field, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("\"next week\"", "'next week' is not a date in the form YYYY-MM-DD.")]
    [InlineData("\"2026-04-01\"", "The vote deadline 2026-04-01 is before the announcement (2026-04-26).")]
    [InlineData("20260515", "Expected a string or null, found the number 20260515.")]
    public async Task A_bad_vote_deadline_is_a_400_naming_it_and_changes_nothing(string json, string message)
    {
        var before = await app.SnapshotAsync();
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Bad deadline DAO").With("voteDeadline", JsonNode.Parse(json))));

        var problem = await ApiJson.AssertInvalidAsync(response, "voteDeadline");
        Assert.Equal(message, problem.Messages("voteDeadline"));
        (await app.SnapshotAsync()).AssertSameAs(before);
    }
}
