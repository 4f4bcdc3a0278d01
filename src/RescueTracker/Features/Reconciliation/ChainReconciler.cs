using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// One chain's reconciliation, one poll at a time: verify the chain id, check the recent block
/// hashes for a reorganisation, read new ranges up to the head, store each range with its
/// checkpoint, and refresh the figures after every commit. A poll runs only under the chain's
/// lease, and every write it makes is fenced by it (<see cref="LeaseHold.CheckAsync"/>, first in
/// its transaction). Tests drive this class directly.
/// </summary>
public sealed partial class ChainReconciler(
    long chainId,
    ChainSettings settings,
    ChainReader reader,
    ChainLease lease,
    IDbContextFactory<RescueDbContext> dbFactory,
    FiguresService figures,
    TimeProvider clock,
    RescueMetrics metrics,
    ILogger logger)
{
    public long ChainId => chainId;

    public ChainLease Lease => lease;

    /// <summary>One poll, when this instance holds the chain's lease (taking it if free); nothing otherwise.</summary>
    public async Task PollAsync(CancellationToken stoppingToken)
    {
        if ((lease.Current ?? await lease.HoldAsync(stoppingToken)) is not { } hold) return;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, hold.Lost);
        try
        {
            await PollAsync(hold, held.Token);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested
                                  && (e is LeaseLostException || (e is OperationCanceledException && hold.Lost.IsCancellationRequested)))
        {
            // Another instance reconciles this chain now; what this poll had not committed is its to read again.
            logger.LogWarning("Chain {ChainId}: poll stopped, the lease (epoch {Epoch}) is no longer this instance's", chainId, hold.Epoch);
        }
    }

    private async Task PollAsync(LeaseHold hold, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await LoadStateAsync(db, hold, ct);
        if (state is null || state.Halted) return;
        try
        {
            await PollAsync(db, hold, state, ct);
        }
        catch (Exception e) when (e is not LeaseLostException && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            await RecordErrorAsync(hold, e is ReorgDetectedException ? null : RpcErrors.Describe(e), ct);
            if (e is ReorgDetectedException)
            {
                logger.LogInformation("{Message} Re-checking on the next poll.", e.Message);
                return;
            }
            throw;
        }
    }

    private async Task PollAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, CancellationToken ct)
    {
        if (!state.ChainIdVerified && !await VerifyChainIdAsync(db, hold, state, ct)) return;

        var head = await reader.GetHeadAsync(ct);
        state.HeadBlock = head;
        state.LastPolledAt = clock.GetUtcNow();
        await SaveFencedAsync(db, hold, ct);
        RecordPosition(state, head);

        if (await CheckForReorgAsync(db, hold, state, head, ct)) return;
        await PickUpNewAddressesAsync(db, hold, state, ct);
        var watch = await ChainWatch.LoadAsync(db, chainId, ct);
        var useTraces = watch.NativeAssetId is not null && await TracesSupportedAsync(db, hold, state, watch, head, ct);

        var scanned = false;
        var next = (state.LastScannedBlock ?? state.StartBlock - 1) + 1;
        if (watch.HasWork && next <= head)
        {
            // Range k is stored while its reply still arrives, and range k+1 is read as soon as
            // range k's reply is in; each is still checked against the blocks stored before it,
            // and stored strictly in order, one transaction each.
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(ct);
            RangeRead Read(long from) => RangeRead.Start(reader,
                watch, from, Math.Min(head, from + settings.MaxLogRange - 1), useTraces, head - settings.ReorgWindow + 1, readAhead.Token);
            RangeRead? current = Read(next), ahead = null;
            var figuresRefresh = new FiguresRefresh(figures, ct);
            try
            {
                while (current is not null)
                {
                    var committing = TransferLedger.CommitRangeAsync(db, hold, state, current, (range, streamed) => EnsureConsistentAsync(db, range, streamed, ct),
                        head, settings.Confirmations, settings.ReorgWindow, clock.GetUtcNow(), ct);
                    await Task.WhenAny(current.Completion, committing);
                    if (current.Completion.IsCompletedSuccessfully && current.To < head) ahead = Read(current.To + 1);
                    var added = await committing;
                    // A long catch-up would otherwise keep every stored transfer tracked, making each save slower.
                    db.ChangeTracker.Clear();
                    db.Attach(state);
                    scanned = true;
                    metrics.TransfersStored(chainId, added);
                    RecordPosition(state, head);
                    LogProgress(state, current, head, added);
                    (current, ahead) = (ahead, null);
                    await figuresRefresh.AfterCommitAsync();
                }
            }
            finally
            {
                foreach (var read in new[] { current, ahead }) if (read is not null) await read.AbandonAsync();
                // Whatever was committed before a failure is in the figures before the poll reports it.
                await figuresRefresh.FinishAsync();
            }
        }
        if (await BackfillAsync(db, hold, state, watch, useTraces, head, ct)) scanned = true;
        if (!scanned && await TransferLedger.CommitConfirmationsAsync(db, hold, state, head, settings.Confirmations, clock.GetUtcNow(), ct))
            await figures.RefreshAsync(ct);
    }

    /// <summary>Saves the tracked changes under the lease's fence: the writes outside the ledger's own transactions.</summary>
    private static async Task SaveFencedAsync(RescueDbContext db, LeaseHold hold, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await hold.CheckAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<ChainScanState?> LoadStateAsync(RescueDbContext db, LeaseHold hold, CancellationToken ct)
    {
        var state = await db.ChainScanStates.FirstOrDefaultAsync(s => s.ChainId == chainId, ct);
        if (state is not null) return state;
        if (!await db.Chains.AnyAsync(c => c.ChainId == chainId, ct))
        {
            logger.LogWarning("Chain {ChainId} is configured but not in the data: nothing to reconcile", chainId);
            return null;
        }
        state = new ChainScanState { ChainId = chainId, StartBlock = settings.StartBlock };
        db.ChainScanStates.Add(state);
        await SaveFencedAsync(db, hold, ct);
        return state;
    }

    private async Task<bool> VerifyChainIdAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, CancellationToken ct)
    {
        var reported = await reader.GetChainIdAsync(ct);
        if (reported != chainId)
        {
            // Ingesting another chain's transfers under this id would corrupt every figure.
            throw new InvalidOperationException(
                $"The node at the configured RpcUrl reports chain id {reported}, not {chainId}; nothing is ingested for chain {chainId}.");
        }
        state.ChainIdVerified = true;
        await SaveFencedAsync(db, hold, ct);
        logger.LogInformation("Chain {ChainId}: node verified", chainId);
        return true;
    }

    // A stored answer may come from a run with traces switched off, or from a node upgraded since: ask once per run.
    private bool _tracesProbed;

    private async Task<bool> TracesSupportedAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, ChainWatch watch, long head, CancellationToken ct)
    {
        if (!settings.UseTraces)
        {
            // Switched off here: internal transfers are not being seen, and the status must say so.
            if (state.TracesSupported != false)
            {
                state.TracesSupported = false;
                await SaveFencedAsync(db, hold, ct);
            }
            return false;
        }
        if (_tracesProbed && state.TracesSupported is { } known) return known;
        try
        {
            await reader.TraceFilterAsync(head, head, watch.RecoveryAddresses, ct);
            state.TracesSupported = true;
        }
        // A reply that is not JSON at all (cut off, a gateway's HTML page) says nothing about the node's
        // methods: the poll fails and the next one asks again, rather than losing internal transfers.
        catch (Exception e) when (RpcErrors.IsMethodNotFound(e)
                                      // A reply that is JSON-RPC but not a list of traces: some other method answered.
                                      || e is RpcMalformedResponseException
                                      // Some gateways refuse methods they do not offer at the HTTP level.
                                      || RpcErrors.HttpStatus(e) is System.Net.HttpStatusCode.MethodNotAllowed or System.Net.HttpStatusCode.NotImplemented)
        {
            logger.LogWarning("Chain {ChainId}: the node offers no trace_filter; internal transfers (from contracts) are not seen", chainId);
            state.TracesSupported = false;
        }
        _tracesProbed = true;
        await SaveFencedAsync(db, hold, ct);
        return state.TracesSupported.Value;
    }

    private async Task RecordErrorAsync(LeaseHold hold, string? message, CancellationToken ct)
    {
        if (message is null) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await hold.CheckAsync(db, ct);
        await db.ChainScanStates.Where(s => s.ChainId == chainId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LastError, message.Length > 2000 ? message[..2000] : message)
            .SetProperty(s => s.LastErrorAt, clock.GetUtcNow()), ct);
        await tx.CommitAsync(ct);
    }

    private void RecordPosition(ChainScanState state, long head) =>
        metrics.IngestPosition(chainId, head, state.LastScannedBlock ?? state.StartBlock - 1);

    private void LogProgress(ChainScanState state, RangeRead range, long head, int added)
    {
        var total = Math.Max(1, head - state.StartBlock + 1);
        var done = range.To - state.StartBlock + 1;
        logger.LogInformation("Chain {ChainId}: scanned blocks {From}..{To} of {Head} ({Percent:0.0}%), {Added} new transfers",
            chainId, range.From, range.To, head, 100.0 * done / total, added);
    }
}
