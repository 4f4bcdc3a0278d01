using System.Net;
using System.Numerics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.History;

/// <summary>
/// The figures' history on the shipped seed: a revision exactly when a headline figure changes, written from the
/// refresh every write makes, read back by /api/history/figures and /api/summary?at=. Each test has its own app
/// (revision counts are the point) on a clock it moves by hand.
/// </summary>
public class FigureHistoryTests
{
    private static readonly DateTimeOffset Seeded = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);

    private static TestApp App(ManualClock clock) => new TestApp(new TestAppOptions
    {
        ReconcilerLoop = false,
        Settings = new Dictionary<string, string?> { ["Chains:1:RpcUrl"] = "http://127.0.0.1:9/", ["Chains:1:Confirmations"] = "12" },
        Services = services => services.AddSingleton<TimeProvider>(clock),
    }).Started();

    [Fact]
    public async Task The_first_refresh_after_seeding_records_the_seed_figures()
    {
        await using var app = App(new ManualClock(Seeded));

        var revision = Assert.Single(await RevisionsAsync(app));

        Assert.Equal(Seeded, revision.At);
        Assert.Equal(
            ["68900", "0", "6000", "37500", "43500", "68900", "25400"],
            [revision.ShortfallEth.ToString(), revision.DeliveredEth.ToString(), revision.OutstandingCommittedEth.ToString(),
             revision.OutstandingProposedEth.ToString(), revision.PledgedEth.ToString(), revision.UncoveredNowEth.ToString(),
             revision.UncoveredIfAllArriveEth.ToString()]);
        Assert.Equal("{}", revision.Blocks);
    }

    [Fact]
    public async Task An_admin_write_that_changes_a_figure_adds_one_revision_and_one_that_changes_none_adds_none()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        var client = app.ClientWithKey(await app.KeyForRoleAsync(AdminRoles.Editor));
        var mantle = await PledgeIdAsync(app, "Mantle");

        clock.Advance(TimeSpan.FromHours(1));
        var withdrawn = await client.PostAsJsonAsync($"/api/admin/pledges/{mantle}/status",
            new { status = "withdrawn", reason = "The Mantle vote failed.", source = "https://governance.example.org/t/mantle/9" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        clock.Advance(TimeSpan.FromHours(1));
        // A change of a source only, then refreshes with nothing changed: the ledger moves, the figures do not.
        await app.WriteAsync(async db => (await db.Pledges.SingleAsync(p => p.Id == mantle)).Source = "https://example.org/another-source");
        await app.RefreshFiguresAsync();
        await app.RefreshFiguresAsync();

        var revisions = await RevisionsAsync(app);
        Assert.Equal(2, revisions.Count);
        var after = revisions[1];
        Assert.Equal(Seeded.AddHours(1), after.At);
        Assert.Equal("7500", after.OutstandingProposedEth.ToString());
        Assert.Equal("13500", after.PledgedEth.ToString());
        Assert.Equal("55400", after.UncoveredIfAllArriveEth.ToString());
        Assert.Equal("68900", after.UncoveredNowEth.ToString());
    }

    [Fact]
    public async Task A_revision_whose_insert_failed_leaves_the_refresh_working_and_is_recorded_by_the_next_one()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        await using (var db = app.Db())
            await db.Database.ExecuteSqlRawAsync(app.Database.Provider == DatabaseProvider.PostgreSql
                ? """
                  CREATE FUNCTION refuse_revisions() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$;
                  CREATE TRIGGER refuse_revisions BEFORE INSERT ON "FigureRevisions" FOR EACH ROW EXECUTE FUNCTION refuse_revisions();
                  """
                : """CREATE TRIGGER refuse_revisions BEFORE INSERT ON "FigureRevisions" BEGIN SELECT RAISE(ABORT, 'disk full'); END;""");

        clock.Advance(TimeSpan.FromMinutes(5));
        await app.WriteAsync(async db => (await db.Assets.SingleAsync(a => a.Symbol == "stETH")).EthRate = "0.98");

        Assert.Equal("37450", app.Figures.OutstandingProposedEth.ToString());
        Assert.Single(await RevisionsAsync(app));
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Could not record a revision of the figures"));

        await using (var db = app.Db()) await db.Database.ExecuteSqlRawAsync(app.Database.Provider == DatabaseProvider.PostgreSql
            ? """DROP TRIGGER refuse_revisions ON "FigureRevisions";"""
            : "DROP TRIGGER refuse_revisions;");
        clock.Advance(TimeSpan.FromMinutes(5));
        await app.RefreshFiguresAsync();

        var revisions = await RevisionsAsync(app);
        Assert.Equal(2, revisions.Count);
        Assert.Equal("37450", revisions[1].OutstandingProposedEth.ToString());
        Assert.Equal(Seeded.AddMinutes(10), revisions[1].At);
    }

    [Fact]
    public async Task History_api_lists_every_revision_oldest_first_with_exact_values()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        clock.Advance(TimeSpan.FromMinutes(30));
        await app.WriteAsync(async db => (await db.Assets.SingleAsync(a => a.Symbol == "stETH")).EthRate = "0.98");
        clock.Advance(TimeSpan.FromDays(2));
        // Aave's later accounting: the shortfall itself is revised.
        await app.WriteAsync(async db => (await db.ShortfallItems.OrderBy(s => s.Id).FirstAsync(s => s.Kind == ShortfallKind.Loss)).Amount += Ether(6181) / 10);

        var response = await app.CreateClient().GetAsync("/api/history/figures");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = (await Json.ReadAsync(response)).EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.All(history, h => Assert.Equal(
            ["at", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "shortfallEth", "uncoveredNowEth"], h.FieldNames()));
        Assert.Equal(["2026-04-25T12:00:00Z", "2026-04-25T12:30:00Z", "2026-04-27T12:30:00Z"], history.Select(h => h.Str("at")));
        Assert.Equal(["68900", "68900", "69518.1"], history.Select(h => h.Str("shortfallEth")));
        Assert.Equal(["37500", "37450", "37450"], history.Select(h => h.Str("outstandingProposedEth")));
        Assert.Equal(["6000", "6000", "6000"], history.Select(h => h.Str("outstandingCommittedEth")));
        Assert.Equal(["0", "0", "0"], history.Select(h => h.Str("deliveredEth")));
        Assert.Equal(["68900", "68900", "69518.1"], history.Select(h => h.Str("uncoveredNowEth")));
    }

    [Fact]
    public async Task Summary_at_gives_the_figures_as_they_stood_before_at_and_after_each_revision()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        clock.Advance(TimeSpan.FromHours(2));
        await app.WriteAsync(async db => (await db.Assets.SingleAsync(a => a.Symbol == "stETH")).EthRate = "0.98");
        var client = app.CreateClient();

        async Task<string?> ProposedAt(string at)
        {
            var response = await client.GetAsync($"/api/summary?at={Uri.EscapeDataString(at)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Json.ReadAsync(response)).Str("outstandingProposedEth");
        }

        Assert.Equal("37500", await ProposedAt("2026-04-25T12:00:00Z"));
        Assert.Equal("37500", await ProposedAt("2026-04-25T13:59:59.9999999Z"));
        Assert.Equal("37500", await ProposedAt("2026-04-25T15:59:59+02:00"));
        Assert.Equal("37450", await ProposedAt("2026-04-25T14:00:00Z"));
        Assert.Equal("37450", await ProposedAt("2026-04-25T14:00"));
        Assert.Equal("37450", await ProposedAt("2026-05-01"));
        var stood = await Json.ReadAsync(await client.GetAsync("/api/summary?at=2026-04-25T13:00:00Z"));
        Assert.Equal("2026-04-25T12:00:00Z", stood.Str("asOf"));
        Assert.Equal("25400", stood.Str("uncoveredIfAllArriveEth"));

        var before = await client.GetAsync("/api/summary?at=2026-04-25T11:59:59.9999999Z");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await Json.ReadAsync(before)).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-04-25T25:00:00Z")]
    [InlineData("1714046400")]
    public async Task Summary_at_that_is_not_an_instant_is_a_400_problem_naming_the_parameter(string at)
    {
        await using var app = App(new ManualClock(Seeded));

        var response = await app.CreateClient().GetAsync($"/api/summary?at={Uri.EscapeDataString(at)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("at", problem.Str("parameter"));
        Assert.Contains(at, problem.Str("detail"));
    }

    [Fact]
    public async Task Summary_blocks_give_the_last_confirmed_block_per_chain_and_a_revision_keeps_those_it_was_read_at()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        Assert.Equal("{}", (await Json.ReadAsync(await app.CreateClient().GetAsync("/api/summary"))).GetProperty("blocks").GetRawText());

        // Chain 1 waits 12 confirmations: scanned to 500 with the head at 505, block 493 is the last that counts.
        // Arbitrum has a scan state but no head yet, so no confirmed block: it is left out.
        await app.WriteAsync(db =>
        {
            db.ChainScanStates.Add(new ChainScanState { ChainId = 1, StartBlock = 100, LastScannedBlock = 500, HeadBlock = 505 });
            db.ChainScanStates.Add(new ChainScanState { ChainId = 42161, StartBlock = 7, LastScannedBlock = 9 });
            return Task.CompletedTask;
        });
        Assert.Single(await RevisionsAsync(app));
        clock.Advance(TimeSpan.FromHours(1));
        await app.WriteAsync(async db => (await db.Assets.SingleAsync(a => a.Symbol == "stETH")).EthRate = "0.98");
        await app.WriteAsync(async db => (await db.ChainScanStates.SingleAsync(s => s.ChainId == 1)).HeadBlock = 600);
        var client = app.CreateClient();

        var now = await Json.ReadAsync(await client.GetAsync("/api/summary"));
        var then = await Json.ReadAsync(await client.GetAsync("/api/summary?at=2026-04-25T13:00:00Z"));
        var first = await Json.ReadAsync(await client.GetAsync("/api/summary?at=2026-04-25T12:00:00Z"));

        Assert.Equal("""{"1":500}""", now.GetProperty("blocks").GetRawText());
        Assert.Equal("""{"1":493}""", then.GetProperty("blocks").GetRawText());
        Assert.Equal("{}", first.GetProperty("blocks").GetRawText());
        Assert.Equal(
            ["asOf", "blocks", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "pledgedEth", "shortfallEth",
             "uncoveredIfAllArriveEth", "uncoveredNowEth"],
            then.FieldNames());
    }

    private static BigInteger Ether(int n) => BigInteger.Pow(10, 18) * n;

    private static async Task<List<FigureRevision>> RevisionsAsync(TestApp app)
    {
        await using var db = app.Db();
        return await db.FigureRevisions.OrderBy(r => r.Id).ToListAsync();
    }

    private static async Task<int> PledgeIdAsync(TestApp app, string pledger)
    {
        await using var db = app.Db();
        return await db.Pledges.Where(p => p.Pledger!.Name == pledger).Select(p => p.Id).SingleAsync();
    }
}
