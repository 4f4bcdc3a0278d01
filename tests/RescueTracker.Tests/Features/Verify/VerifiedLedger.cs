using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using RescueTracker.Data;
using RescueTracker.Features.Verify;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Verify;

/// <summary>
/// One Anvil node with Safe 1.4.1 and WETH9, and a ledger the app's own reconciler ingested from it (at the
/// shipped confirmation depth, so the verb and /api/summary need no chain settings). Counted inflows: a plain
/// ETH send into the recovery Safe, a Safe's payment to the recovery account (internal, trace 0.0) and a WETH
/// transfer. Not counted: a relay that sends on and reverts, a Safe payment that ends in ExecutionFailure,
/// ETH and WETH sent elsewhere. The app is stopped once ingested; each test checks a copy of its database.
/// </summary>
public sealed class VerifiedLedger : IAsyncLifetime
{
    private const int SafeTxGas = 100_000;
    private readonly TempSqliteFile _database = new();

    public AnvilNode Node { get; private set; } = null!;
    public string Weth { get; private set; } = null!;
    public string RecoverySafe { get; private set; } = null!;
    public string PayingSafe { get; private set; } = null!;
    public string Plain { get; private set; } = null!;
    public string SafePayment { get; private set; } = null!;
    public string Wrapped { get; private set; } = null!;
    public string Reverted { get; private set; } = null!;
    public long SafePaymentBlock { get; private set; }

    /// <summary>GET /api/summary's <c>blocks["1"]</c> while the app ran.</summary>
    public long PinnedBlock { get; private set; }

    public IReadOnlyList<Transfer> Ingested { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var contracts = await RealContracts.LoadAsync();
        Node = await AnvilNode.StartAsync(1);
        var node = Node;
        var stack = await contracts.DeploySafeStackAsync(node);
        var paying = await stack.CreateSafeAsync(node, DevAccounts.Account0, 1);
        var recovery = await stack.CreateSafeAsync(node, DevAccounts.Account8, 2);
        (PayingSafe, RecoverySafe) = (paying.Address.ToLowerInvariant(), recovery.Address.ToLowerInvariant());
        Weth = (await contracts.DeployWethAsync(node)).ToLowerInvariant();
        var relay = await contracts.DeployRelayAsync(node);
        await node.Rpc.SendEthAsync(DevAccounts.Account0, paying.Address, Wei.Eth(20));
        await contracts.DepositWethAsync(node, Weth, DevAccounts.Account1, Wei.Eth(7));

        var seed = new TestSeed()
            .Chain(1, "Ethereum", TestSeed.Recovery, RecoverySafe).Asset("ETH", 1, contract: null).Asset("WETH", 1, Weth)
            .Chain(42161, "Arbitrum One").Asset("ETH.arb", 42161, contract: null)
            .Pledge("Ink Foundation", "3", "ETH", "committed", PayingSafe);
        await using (var app = new TestApp(new TestAppOptions { SeedJson = seed.ToJson(), Database = _database, ReconcilerLoop = false, Quiet = true }).Started())
        {
            Plain = await node.Rpc.SendEthAsync(DevAccounts.Account2, RecoverySafe, Wei.Eth(1));
            SafePayment = await paying.ExecAsync(node, SafeCall.Pay(TestSeed.Recovery, Wei.Eth(3)));
            Wrapped = await contracts.TransferWethAsync(node, Weth, DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(5));
            Reverted = await contracts.RelayThenRevertAsync(node, relay, DevAccounts.Account2, TestSeed.Recovery, Wei.Eth(2));
            await paying.ExecAsync(node, new SafeCall(relay, Wei.Eth(3), contracts.RelayThenRevertCall(TestSeed.Recovery)), SafeTxGas);
            await node.Rpc.SendEthAsync(DevAccounts.Account3, DevAccounts.Account4, Wei.Eth(1));
            await contracts.TransferWethAsync(node, Weth, DevAccounts.Account1, DevAccounts.Account4, Wei.Eth(2));
            SafePaymentBlock = AnvilHex.ParseLong((await node.Rpc.WaitForReceiptAsync(SafePayment)).GetProperty("blockNumber").GetString()!);

            // Buried at the shipped depth (12), then one poll of the app's reconciler.
            var settings = Reconcilers.Fast(node.RpcUrl);
            settings.Confirmations = 12;
            await node.Rpc.MineAsync(12);
            await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
            Ingested = await app.TransfersAsync(1);
            PinnedBlock = (await app.GetJsonAsync("/api/summary")).GetProperty("blocks").GetProperty("1").GetInt64();
        }
    }

    /// <summary>A copy of the ingested database for one test to check and tamper with.</summary>
    public TempSqliteFile Copy()
    {
        var copy = new TempSqliteFile();
        File.Copy(_database.Path, copy.Path);
        return copy;
    }

    /// <summary>The verb in-process on <paramref name="database"/>, which it must leave as it was.</summary>
    public static async Task<VerifyRun> VerifyAsync(TempSqliteFile database, params string[] args)
    {
        var before = Fingerprint(database.Path);
        var run = await RunAsync(database, args);
        Assert.Equal(before, Fingerprint(database.Path));
        return run;
    }

    public static async Task<VerifyRun> RunAsync(TempSqliteFile database, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:RescueTracker"] = database.ConnectionString })
            .Build();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await VerifyCli.RunAsync(["verify", .. args], configuration, Path.GetTempPath(), output, error, CancellationToken.None);
        return new VerifyRun(exitCode, output.ToString(), error.ToString());
    }

    public static async Task ExecuteAsync(TempSqliteFile database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// The database file's bytes and its WAL's: a read-only reader of a WAL database may leave an empty
    /// -wal (and a -shm index) beside it, which holds no commit, so an empty one counts as none.
    /// </summary>
    public static string Fingerprint(string path) =>
        string.Join(" ", new[] { "", "-wal" }.Select(suffix => new FileInfo(path + suffix) is { Exists: true, Length: > 0 } file
            ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))
            : "none"));

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _database.Dispose();
    }
}

public sealed record VerifyRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
