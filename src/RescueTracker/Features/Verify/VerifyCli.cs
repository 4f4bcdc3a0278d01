using System.Globalization;
using System.Numerics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts.Cli;
using RescueTracker.Features.Chains;

namespace RescueTracker.Features.Verify;

/// <summary>
/// <c>verify --rpc URL --chain ID</c>: runs instead of the web server when named first, reads the database the
/// app's configuration names (read-only), recounts every confirmed inflow into the chain's recovery addresses
/// up to the pinned block from the node at URL, and prints each difference with the ledger and the totals per
/// asset. The report goes to standard output, problems to standard error.
/// </summary>
public static class VerifyCli
{
    public const int Agrees = 0;
    public const int Differs = 1;
    /// <summary>Missing or malformed arguments, a chain the ledger does not have, a node on another chain.</summary>
    public const int BadArgument = 2;
    /// <summary>The check could not be made: no database, a node that cannot be reached or read.</summary>
    public const int Failed = 3;

    private const string Usage = """
        Usage:
          RescueTracker verify --rpc URL --chain ID   recount the chain's inflows into the recovery addresses from the node at URL
                                                      and compare them with the ledger, up to the block /api/summary is pinned to
        Exit codes: 0 no differences, 1 differences (listed), 2 bad arguments, 3 the check could not be made.
        """;

    private static readonly HashSet<string> Flags = ["help"];

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "verify";

    /// <summary>With the app's own configuration (appsettings, environment, ASPNETCORE_ENVIRONMENT), without building a host.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        return RunAsync(args, builder.Configuration, builder.Environment.ContentRootPath, output, error, CancellationToken.None);
    }

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!CliArguments.TryParse(args.Skip(1), Flags, out var options, out var problem))
            return await FailAsync(error, $"{problem}\n{Usage}", BadArgument);
        if (options.ContainsKey("help"))
        {
            await output.WriteLineAsync(Usage);
            return Agrees;
        }
        if (options.Keys.FirstOrDefault(k => k is not ("rpc" or "chain")) is { } unknown)
            return await FailAsync(error, $"Unknown option --{unknown}.\n{Usage}", BadArgument);
        if (!options.TryGetValue("rpc", out var rpc) || !Uri.TryCreate(rpc, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return await FailAsync(error, $"verify needs --rpc URL, the http or https address of a node of the chain.\n{Usage}", BadArgument);
        if (!options.TryGetValue("chain", out var chainText) || !long.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId) || chainId <= 0)
            return await FailAsync(error, $"verify needs --chain ID, the chain's id as a positive number (1 for Ethereum).\n{Usage}", BadArgument);

        ChainSettings settings;
        try
        {
            var chains = new ChainsOptions();
            configuration.GetSection(ChainsOptions.Section).Bind(chains);
            ChainsOptionsValidation.Validate(chains);
            // The depth and range the app uses for this chain; the defaults if it is not configured, as /api/summary does.
            settings = chains.GetValueOrDefault(chainId) ?? new ChainSettings();
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            return await FailAsync(error, $"The configuration is not valid: {e.Message}", Failed);
        }

        // The ledger side is read from the SQLite file; on PostgreSQL the verb says so rather than open the wrong database.
        if (configuration[DatabaseProviders.SettingName] is { } provider && provider.Trim().Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            return await FailAsync(error, "verify reads a SQLite ledger; it does not read a PostgreSQL database yet.", Failed);
        var connectionString = DatabaseServiceCollectionExtensions.ResolveSqlite(
            configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionName), contentRoot);
        if (DatabaseServiceCollectionExtensions.DatabaseFile(connectionString) is not { } database)
            return await FailAsync(error, "ConnectionStrings:RescueTracker names an in-memory database: there is no ledger to check.", Failed);
        if (!File.Exists(database))
            return await FailAsync(error, $"There is no database at {database} (ConnectionStrings:RescueTracker).", Failed);

        LedgerSide? ledger;
        try
        {
            ledger = await LedgerSide.ReadAsync(connectionString, chainId, settings.Confirmations, ct);
        }
        catch (SqliteException e)
        {
            return await FailAsync(error, $"The ledger at {database} cannot be read: {e.Message}", Failed);
        }
        if (ledger is null) return await FailAsync(error, $"Chain {chainId} is not in the ledger at {database}.", BadArgument);

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var recount = new ChainRecount(new Web3(new RpcClient(url, http)), settings.MaxLogRange);
        long reported;
        try
        {
            reported = await recount.ChainIdAsync();
        }
        catch (Exception e) when (IsNodeFailure(e))
        {
            // The URL itself is not repeated: a provider's URL often carries its API key.
            return await FailAsync(error, $"The node at --rpc cannot be reached or did not answer eth_chainId: {RpcErrors.Describe(e)}", Failed);
        }
        if (reported != chainId)
            return await FailAsync(error, $"The node at --rpc reports chain id {reported}, not {chainId}: nothing was compared.", BadArgument);
        if (ledger.PinnedBlock is not { } pinned)
            return await FailAsync(error, $"The ledger has not scanned chain {chainId} yet: there is no pinned block to check up to.", Failed);

        try
        {
            return await CompareAsync(recount, ledger, chainId, pinned, output, ct);
        }
        catch (Exception e) when (IsNodeFailure(e))
        {
            return await FailAsync(error, $"The node could not be read to the end: {RpcErrors.Describe(e)}", Failed);
        }
    }

    private static async Task<int> CompareAsync(ChainRecount recount, LedgerSide ledger, long chainId, long pinned, TextWriter output, CancellationToken ct)
    {
        var head = await recount.HeadAsync();
        if (head < pinned)
            throw new InvalidOperationException($"The node's head is block {head}, below the pinned block {pinned}: it is behind, or on another fork.");
        var watch = ledger.Watch;
        var from = ledger.Scan.StartBlock;
        var traces = watch.NativeAssetId is not null && watch.RecoveryAddresses.Count > 0 && pinned >= from
                     && await recount.HasTracesAsync(pinned, watch.RecoveryAddresses);
        // Internal transfers are judged unless the node cannot show them; with no block to read, every row is judged.
        var judgeInternal = traces || pinned < from;

        var report = new VerifyReport(ledger, output);
        await report.HeaderAsync(chainId, from, pinned, traces);
        var chain = await recount.TokenInflowsAsync(watch, from, pinned, ct);
        if (watch.NativeAssetId is { } nativeId)
        {
            chain.AddRange(traces
                ? await recount.NativeInflowsByTracesAsync(watch, nativeId, from, pinned, ct)
                : await recount.NativeInflowsByBlocksAsync(watch, nativeId, from, pinned, ct));
        }

        // Pending rows above the pinned block are the ledger's to confirm later; rows the node cannot show are not judged.
        var compared = ledger.Transfers.Where(t => t.Confirmed || t.Inflow.BlockNumber <= pinned)
            .Where(t => judgeInternal || t.Inflow.Kind != TransferKind.Internal).ToList();
        var notChecked = ledger.Transfers.Count(t => t.Confirmed && !judgeInternal && t.Inflow.Kind == TransferKind.Internal);
        await report.NotesAsync(traces, notChecked);

        var (differences, totals) = InflowComparison.Compare(chain, compared, pinned, report.Amount);
        foreach (var difference in differences) await output.WriteLineAsync(difference.Text);
        foreach (var malformed in ledger.Malformed) await output.WriteLineAsync(malformed);
        await report.TotalsAsync(pinned, totals);
        var count = differences.Count + ledger.Malformed.Count;
        await output.WriteLineAsync(count == 1 ? "1 difference" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} differences");
        return count == 0 ? Agrees : Differs;
    }

    /// <summary>
    /// Anything that goes wrong while the node is read ends the check with one line: a transport or JSON-RPC
    /// failure, a reply that is not what the method returns, a chain that moved under the read.
    /// </summary>
    private static bool IsNodeFailure(Exception e) => e is not OperationCanceledException || e is TaskCanceledException { InnerException: TimeoutException };

    private static async Task<int> FailAsync(TextWriter error, string message, int code)
    {
        await error.WriteLineAsync($"error: {message}");
        return code;
    }
}
