using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Hosting;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Faults;

/// <summary>
/// One test's reconciler for chain 1, built by the app's own factory, reading the <see cref="FaultChain"/>
/// through a <see cref="FaultyRpcProxy"/> into a fresh seeded SQLite file.
/// </summary>
public sealed class ReconcilerRun : IAsyncDisposable
{
    /// <summary>Short waits so faults cost little time; the hold of a timeout fault must exceed AttemptTimeout.</summary>
    public static readonly ChainRetrySettings Retry = new()
    {
        MaxAttempts = 6,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromSeconds(2),
        AttemptTimeout = TimeSpan.FromMilliseconds(500),
    };

    public const int MaxLogRange = 16;
    public const int Confirmations = 2;

    private readonly TempFile _seed;

    private ReconcilerRun(FaultChain chain, TempFile seed, SeededDatabase database, FaultyRpcProxy proxy, ChainReconciler reconciler)
    {
        Chain = chain;
        _seed = seed;
        Database = database;
        Proxy = proxy;
        Reconciler = reconciler;
    }

    public FaultChain Chain { get; }
    public SeededDatabase Database { get; }
    public FaultyRpcProxy Proxy { get; }
    public ChainReconciler Reconciler { get; }

    /// <summary>Messages of the polls that failed, in order.</summary>
    public List<string> FailedPolls { get; } = [];

    public static async Task<ReconcilerRun> StartAsync(FaultChain chain, params FaultRule[] rules)
    {
        var seed = new TempFile(chain.SeedJson());
        var database = await SeededDatabase.CreateAsync(seed.Path);
        var proxy = await FaultyRpcProxy.StartAsync(chain.Node.RpcUrl);
        foreach (var rule in rules) proxy.Add(rule);
        var settings = new ChainSettings
        {
            RpcUrl = proxy.Url, Confirmations = Confirmations, StartBlock = 0, MaxLogRange = MaxLogRange, Retry = Retry,
        };
        var factory = new ChainReconcilerFactory(new PlainHttpClients(), database.File.Factory, database.Figures,
            TimeProvider.System, TestMetrics.New(), new InstanceIdentity("test"), Options.Create(new ReconcilerLeaseOptions()), NullLoggerFactory.Instance);
        return new ReconcilerRun(chain, seed, database, proxy, factory.Create(1, settings));
    }

    /// <summary>
    /// Polls until the checkpoint reaches the head. A poll may fail (retries exhausted) and the next
    /// resumes from the checkpoint, as the background loop would; the bound keeps a stuck run finite.
    /// </summary>
    public async Task<int> PollUntilCaughtUpAsync(int maxPolls = 6)
    {
        for (var poll = 1; poll <= maxPolls; poll++)
        {
            try
            {
                await Reconciler.PollAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                FailedPolls.Add(RpcErrors.Describe(e));
            }
            if ((await StateAsync()).LastScannedBlock == Chain.Head) return poll;
        }
        throw new Xunit.Sdk.XunitException(
            $"Not caught up with block {Chain.Head} after {maxPolls} polls; failures:\n{string.Join("\n", FailedPolls)}");
    }

    public async Task<ChainScanState> StateAsync()
    {
        await using var db = Database.CreateContext();
        return await db.ChainScanStates.AsNoTracking().SingleAsync(s => s.ChainId == 1);
    }

    /// <summary>Stored transfers keyed as the chain truth is, duplicates kept so a test can see them.</summary>
    public async Task<List<(string TxHash, TransferKind Kind, string Position)>> StoredAsync()
    {
        await using var db = Database.CreateContext();
        var rows = await db.Transfers.AsNoTracking().Where(t => t.ChainId == 1).Select(t => new { t.TxHash, t.Kind, t.Position }).ToListAsync();
        return rows.Select(r => (r.TxHash, r.Kind, r.Position)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Database.Dispose();
        _seed.Dispose();
    }

    /// <summary>The factory names its client's handler; a plain socket handler is all it needs here.</summary>
    private sealed class PlainHttpClients : IHttpMessageHandlerFactory
    {
        public HttpMessageHandler CreateHandler(string name) => new SocketsHttpHandler();
    }
}
