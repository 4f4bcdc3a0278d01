using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Every kind of change leaves one audit row (who, what, before, after, why, on what evidence); the database refuses to alter them.</summary>
public class AuditTrailTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Via = $"{AdminApi.EditorName} (api key Editor script)";

    private static JsonNode? Json(string? text) => text is null ? null : JsonNode.Parse(text);

    private async Task<List<AuditEntry>> RowsAfterAsync(long afterId)
    {
        await using var db = app.Db();
        return await db.AuditEntries.Where(a => a.Id > afterId).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = app.Db();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    [Fact]
    public async Task Each_kind_of_ledger_change_through_the_API_leaves_exactly_one_row_with_actor_before_after_reason_and_source()
    {
        using var client = await app.EditorClientAsync();
        var start = await LastIdAsync();

        var created = await ApiJson.ReadAsync(await client.PostAsync("/api/admin/pledges",
            AdminApi.JsonBody(Bodies.Pledge("Audited DAO", "40", "ETH", "proposed"))));
        var id = created.GetProperty("id").GetInt32();
        var edit = Bodies.Edit(created).With("amount", "50").With("reason", "The DAO raised its offer.");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/admin/pledges/{id}", AdminApi.JsonBody(edit))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/pledges/{id}/status",
            AdminApi.JsonBody(Bodies.Status("committed", "Vote 17 passed.", "https://vote.example.org/17")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/pledges/{id}/offchain-deliveries",
            AdminApi.JsonBody(Bodies.Offchain("10", "https://bank.example.org/receipt/9", "Wire from the DAO's bank.")))).StatusCode);
        var shortfall = await ApiJson.ReadAsync(await client.PostAsync("/api/admin/shortfall-items", AdminApi.JsonBody(Bodies.Shortfall())));
        var transfer = await app.AddTransferAsync("ETH", 5 * BigInteger.Pow(10, 18));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/transfers/{transfer}/attribution",
            AdminApi.JsonBody(Bodies.Attribution(id).With("reason", "The DAO's treasury sent it.")))).StatusCode);

        var rows = await RowsAfterAsync(start);

        Assert.Equal(["pledge.create", "pledge.update", "pledge.status", "pledge.offchain-delivery", "shortfall.create", "transfer.attribute"],
            rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(Via, r.Actor));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.ActorId)));
        var (create, update, status, offchain, item, attribute) = (rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]);

        Assert.Equal(("pledge", id.ToString(), "Audited DAO"), (create.EntityType, create.EntityId, create.EntityLabel));
        Assert.Null(create.Before);
        Assert.Equal("40", Json(create.After)!["amount"]!.GetValue<string>());
        Assert.Equal(Bodies.Source, create.Source);

        Assert.Equal("40", Json(update.Before)!["amount"]!.GetValue<string>());
        Assert.Equal("50", Json(update.After)!["amount"]!.GetValue<string>());
        Assert.Equal("The DAO raised its offer.", update.Reason);
        Assert.Equal("Audited DAO", update.EntityLabel);

        Assert.Equal("proposed", Json(status.Before)!["status"]!.GetValue<string>());
        Assert.Equal("committed", Json(status.After)!["status"]!.GetValue<string>());
        Assert.Equal(("Vote 17 passed.", "https://vote.example.org/17"), (status.Reason, status.Source));

        Assert.Null(offchain.Before);
        Assert.Equal("10", Json(offchain.After)!["amount"]!.GetValue<string>());
        Assert.Equal(("Wire from the DAO's bank.", "https://bank.example.org/receipt/9"), (offchain.Reason, offchain.Source));
        Assert.Equal("Audited DAO", offchain.EntityLabel);

        Assert.Equal(("shortfall", shortfall.GetProperty("id").GetInt32().ToString(), "Recovered by Compound liquidations"),
            (item.EntityType, item.EntityId, item.EntityLabel));
        Assert.Equal("1845", Json(item.After)!["amount"]!.GetValue<string>());
        Assert.Equal("https://governance.aave.com/t/rseth-incident-report/1", item.Source);

        Assert.Equal(("transfer", transfer.ToString()), (attribute.EntityType, attribute.EntityId));
        Assert.EndsWith("… to Audited DAO", attribute.EntityLabel);
        Assert.Null(Json(attribute.Before)!["pledgeId"]);
        Assert.Equal(id, Json(attribute.After)!["pledgeId"]!.GetValue<int>());
        Assert.Equal("The DAO's treasury sent it.", attribute.Reason);
    }

    [Fact]
    public async Task Account_changes_leave_rows_too_and_none_holds_a_secret()
    {
        var start = await LastIdAsync();

        var email = await app.CreateUserAsync(AdminRoles.Editor, displayName: "Audited Editor");
        var key = await app.CreateApiKeyAsync(email, "audited key");
        await app.RevokeKeyAsync(key.Id);

        var rows = await RowsAfterAsync(start);
        Assert.Equal(["user.create", "apikey.create", "apikey.revoke"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("command line", r.Actor));
        Assert.Equal(email, rows[0].EntityLabel);
        Assert.Equal("audited key", rows[1].EntityLabel);
        Assert.All(rows, r => Assert.DoesNotContain(key.Key, (r.Before ?? "") + (r.After ?? "")));
        Assert.All(rows, r => Assert.DoesNotContain(TestApp.Password, (r.Before ?? "") + (r.After ?? "")));
    }

    [Fact]
    public async Task A_refused_change_leaves_no_audit_row()
    {
        using var client = await app.EditorClientAsync();
        var start = await LastIdAsync();

        var response = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge().With("amount", "-1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await RowsAfterAsync(start));
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"Actor\" = 'someone else' WHERE \"Id\" = @id", "audit entries are append-only: update refused")]
    [InlineData("DELETE FROM \"AuditEntries\" WHERE \"Id\" = @id", "audit entries are append-only: delete refused")]
    public async Task The_database_itself_refuses_to_update_or_delete_an_audit_row(string sql, string message)
    {
        using var client = await app.EditorClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/admin/shortfall-items", AdminApi.JsonBody(Bodies.Shortfall()))).StatusCode);
        var row = (await RowsAfterAsync(await LastIdAsync() - 1)).Single();
        var before = await app.SnapshotAsync();

        await using var connection = app.Database.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = row.Id;
        command.Parameters.Add(id);
        var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains(message, error.Message);
        (await app.SnapshotAsync()).AssertSameAs(before);
        var after = (await RowsAfterAsync(row.Id - 1)).First();
        Assert.Equal((row.Actor, row.Action, row.After, row.At), (after.Actor, after.Action, after.After, after.At));
    }
}
