using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Drills;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// Two app processes on one database and one Anvil node, as two instances behind a load balancer: a sign-in cookie
/// made by one opens the admin area on the other; an admin change on one reaches the other's /api/summary within 2 s;
/// the instance running the reconciler is SIGKILLed in the middle of a catch-up, the other takes over within 30 s
/// and finishes it, with every transfer on the chain stored exactly once. The database is a parameter of the class:
/// each provider's subclass runs the same test.
/// </summary>
public abstract class SeveralInstancesTests(AnvilFixture fixture, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Confirmations = 2;
    private const string Email = "ops@rescue.example";
    private const string Password = "a long enough password";
    private static readonly TimeSpan RefreshBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(30);

    internal abstract ISharedDatabase CreateDatabase();

    [Fact]
    [Trait("Category", "Drill")]
    public async Task Two_instances_share_cookies_and_changes_and_the_survivor_finishes_a_catch_up_whose_holder_was_killed()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var chain = await DrillChain.StartAsync(node, fixture.Contracts);
        using var database = CreateDatabase();
        using var seed = new TempFile(chain.Seed(ethPledge: 1000, tokenPledge: 10000).ToJson());
        await using var a = await StartAsync(database, seed.Path, node.RpcUrl, "instance-a");
        var admin = await database.RunCliAsync(Password, "create-admin", "--email", Email);
        Assert.True(admin.ExitCode == 0, admin.ToString());
        await using var b = await StartAsync(database, seed.Path, node.RpcUrl, "instance-b");

        await A_cookie_from_one_instance_opens_the_admin_area_on_the_other(a, b);
        await An_admin_change_on_one_instance_reaches_the_others_summary_within_2_s(database, a, b);
        await The_survivor_finishes_the_catch_up_of_a_killed_holder(database, chain, a, b);
    }

    private static async Task A_cookie_from_one_instance_opens_the_admin_area_on_the_other(RunningApp a, RunningApp b)
    {
        var cookies = new CookieContainer();
        using var onA = new FormClient(Client(a, cookies));
        using var onB = Client(b, cookies);
        using (var before = await onB.GetAsync("/admin")) Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);

        await onA.SignInAsync(Email, Password);

        // The same host for both, so the container sends A's cookie to B as a browser behind one address would.
        using var after = await onB.GetAsync("/admin");
        Assert.True(after.StatusCode == HttpStatusCode.OK, $"GET /admin on B with A's cookie answered {(int)after.StatusCode}\n{b.Process.Output}");
    }

    private async Task An_admin_change_on_one_instance_reaches_the_others_summary_within_2_s(ISharedDatabase database, RunningApp a, RunningApp b)
    {
        var key = await database.RunCliAsync(null, "create-api-key", "--email", Email, "--name", "several instances");
        Assert.True(key.ExitCode == 0, key.ToString());
        using var api = new HttpClient { BaseAddress = a.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Stdout.TrimEnd('\r', '\n').Split('\n')[^1].Trim());
        var pledgedBefore = await PledgedAsync(b);

        using var created = await api.PostAsync("/api/admin/pledges",
            new StringContent(Bodies.Pledge("Aave DAO", amount: "25000").ToJsonString(), Encoding.UTF8, "application/json"));
        var committed = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pledgedOnA = await PledgedAsync(a);
        Assert.NotEqual(pledgedBefore, pledgedOnA);
        while (await PledgedAsync(b) != pledgedOnA)
        {
            if (committed.Elapsed > RefreshBound) Assert.Fail($"B still shows pledgedEth {pledgedBefore} {committed.Elapsed.TotalSeconds:0.00} s after A's change\n{b.Process.Output}");
            await Task.Delay(20);
        }
        output.WriteLine($"admin change on A seen in B's /api/summary after {committed.Elapsed.TotalMilliseconds:0} ms (pledgedEth {pledgedBefore} → {pledgedOnA})");
    }

    private async Task The_survivor_finishes_the_catch_up_of_a_killed_holder(ISharedDatabase database, DrillChain chain, RunningApp a, RunningApp b)
    {
        var holder = await LeaseAsync(database);
        Assert.NotNull(holder);
        var (victim, survivor, survivorId) = holder.Holder == "instance-a" ? (a, b, "instance-b") : (b, a, "instance-a");

        // A backlog the holder reads one block per range: payments spread over some 1,200 blocks mined faster than it reads.
        var truth = new CanonicalInflows(chain.Node.Rpc, TestSeed.Recovery, chain.TokenAddress);
        var random = new Random(11);
        await chain.Node.Rpc.SetAutomineAsync(false);
        for (var i = 0; i < 100; i++)
        {
            await chain.PayAsync(random);
            await chain.Node.Rpc.MineAsync(random.Next(1, 23));
        }
        await chain.Node.Rpc.SetAutomineAsync(true);
        await truth.RefreshAsync();
        var head = truth.Head;

        var start = (await CheckpointAsync(database)) ?? -1;
        await AppProcess.EventuallyAsync(async () => await CheckpointAsync(database) >= start + 50,
            () => Task.FromResult($"the holder read no 50 blocks\n{victim.Process.Output}"), TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(20));
        await victim.Process.StopAsync(grace: TimeSpan.Zero);
        var killed = Stopwatch.StartNew();
        var checkpointAtKill = await CheckpointAsync(database);
        Assert.True(checkpointAtKill < head, $"the holder had caught up ({checkpointAtKill} of {head}) before it was killed");

        await AppProcess.EventuallyAsync(async () => (await LeaseAsync(database))?.Holder == survivorId,
            () => Task.FromResult($"no takeover within {TakeoverBound}\n{survivor.Process.Output}"), TakeoverBound, TimeSpan.FromMilliseconds(100));
        var takeover = killed.Elapsed;
        var lease = await LeaseAsync(database);

        // The served figures trail the catch-up's commits by up to a second, so they are waited for too.
        var expectedDelivered = CanonicalInflows.EthEquivalent(truth.Confirmed(Confirmations));
        string? delivered = null;
        await AppProcess.EventuallyAsync(
            async () => await CheckpointAsync(database) == head
                        && await ReadAsync(database, db => db.Transfers.AllAsync(t => t.Confirmed == (t.BlockNumber <= head - Confirmations)))
                        && (delivered = (await AppProcess.GetJsonAsync(survivor, "/api/summary")).GetProperty("deliveredEth").GetString()) == expectedDelivered,
            () => Task.FromResult($"the survivor did not finish (deliveredEth last served {delivered}, expected {expectedDelivered})\n{survivor.Process.Output}"),
            TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(200));
        var stored = await ReadAsync(database, db => db.Transfers.AsNoTracking().Where(t => t.ChainId == 1).ToListAsync());
        var check = LedgerCheck.Of(stored, truth, head, head - Confirmations);

        output.WriteLine($"chain: {head} blocks, {truth.All.Count()} inflows; {holder.Holder} killed at checkpoint {checkpointAtKill}");
        output.WriteLine($"takeover by {lease!.Holder} (epoch {lease.Epoch}) {takeover.TotalSeconds:0.0} s after the kill");
        output.WriteLine($"ledger: {check}");
        Assert.True(check.Exact, check.ToString());
        Assert.Equal(0, check.Duplicates);
        Assert.Equal(0, check.Missing);
        Assert.Equal(holder.Epoch + 1, lease.Epoch);
        Assert.Equal(expectedDelivered, delivered);
        Assert.Contains($"took the reconciler over from {holder.Holder}", survivor.Process.Stdout);
    }

    private static Task<RunningApp> StartAsync(ISharedDatabase database, string seed, string rpcUrl, string instance)
    {
        var settings = new Dictionary<string, string>(database.AppSettings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Instance__Id"] = instance,
            ["Seed__Path"] = seed,
            ["Chains__1__RpcUrl"] = rpcUrl,
            ["Chains__1__Confirmations"] = Confirmations.ToString(CultureInfo.InvariantCulture),
            ["Chains__1__PollInterval"] = "00:00:01",
            ["Chains__1__StartBlock"] = "0",
            // One block per range: a commit per block, so the kill lands between many.
            ["Chains__1__MaxLogRange"] = "1",
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
        };
        return RunningApp.StartAsync(AppProcess.BuildFolder, settings, "RescueTracker.dll");
    }

    private static HttpClient Client(RunningApp app, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private static async Task<string> PledgedAsync(RunningApp app) =>
        (await AppProcess.GetJsonAsync(app, "/api/summary")).GetProperty("pledgedEth").GetString()!;

    private static Task<ReconcilerLease?> LeaseAsync(ISharedDatabase database) =>
        ReadAsync(database, db => db.ReconcilerLeases.AsNoTracking().FirstOrDefaultAsync(l => l.ChainId == 1));

    private static Task<long?> CheckpointAsync(ISharedDatabase database) =>
        ReadAsync(database, db => db.ChainScanStates.AsNoTracking().Where(s => s.ChainId == 1).Select(s => s.LastScannedBlock).FirstOrDefaultAsync());

    private static async Task<T> ReadAsync<T>(ISharedDatabase database, Func<RescueDbContext, Task<T>> read)
    {
        await using var db = database.Open();
        return await read(db);
    }
}

/// <summary>
/// The two instances on one database of the run's provider: one SQLite file (WAL) in RescueTracker.Tests, a database on
/// the PostgreSQL server in RescueTracker.Tests.PostgreSQL.
/// </summary>
public sealed class SeveralInstancesOnOneDatabaseTests(AnvilFixture fixture, ITestOutputHelper output) : SeveralInstancesTests(fixture, output)
{
    internal override ISharedDatabase CreateDatabase() => new SharedTestDatabase(TestDatabase.Create());
}
