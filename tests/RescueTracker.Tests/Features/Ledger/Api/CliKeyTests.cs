using System.Net;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>The acceptance path end to end: the operator's command-line verbs make the key, the API takes it (on a SQLite file, and in the PostgreSQL run on a database there).</summary>
public class CliKeyTests
{
    [Fact]
    public async Task A_key_printed_by_create_api_key_on_a_fresh_database_posts_a_pledge_and_moves_the_summary()
    {
        using var database = TestDatabase.Create();
        const string email = "ops@rescue.example";

        var admin = await CliProcess.RunOnDatabaseAsync(database.ConnectionString, "a long enough password", "create-admin", "--email", email);
        Assert.True(admin.ExitCode == 0, admin.ToString());
        var keyRun = await CliProcess.RunOnDatabaseAsync(database.ConnectionString, null, "create-api-key", "--email", email, "--name", "ops script");
        Assert.True(keyRun.ExitCode == 0, keyRun.ToString());
        var key = keyRun.Stdout.TrimEnd('\r', '\n').Split('\n')[^1].Trim();
        Assert.Matches("^rtk_[A-Za-z0-9_-]{43}$", key);

        await using var app = new TestApp(new TestAppOptions { Database = database });
        using var client = app.ClientWithKey(key);
        var before = await ApiJson.ReadAsync(await client.GetAsync("/api/summary"));

        var created = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Aave DAO", "1000", "ETH", "committed")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("6000", before.Str("outstandingCommittedEth"));
        Assert.Equal("7000", (await ApiJson.ReadAsync(await client.GetAsync("/api/summary"))).Str("outstandingCommittedEth"));
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor, a.EntityLabel }).ToListAsync();
        Assert.Equal(["user.create", "apikey.create", "pledge.create"], audit.Select(a => a.Action));
        Assert.Equal("ops (api key ops script)", audit[2].Actor);
        Assert.Equal("Aave DAO", audit[2].EntityLabel);
        Assert.Equal(AdminRoles.Admin, (await db.Roles.SingleAsync(r => db.UserRoles.Any(ur => ur.RoleId == r.Id))).Name);
    }
}
