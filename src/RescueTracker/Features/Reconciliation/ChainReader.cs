using Polly;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Reads one block range from a node: ERC-20 Transfer logs into the recovery addresses (filtered
/// by topic on the node), native ETH sent to them, and block headers near the head. Range requests
/// shrink when a provider refuses them and grow back after successes; no block is ever skipped.
/// </summary>
public sealed class ChainReader(EthRpcClient rpc, ResiliencePipeline resilience, int maxRange, ILogger logger, long chainId)
{
    private readonly int _maxRange = maxRange;
    private int _range = maxRange;

    /// <summary>The block count the next eth_getLogs request asks for.</summary>
    public int CurrentRange => _range;

    public Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        resilience.ExecuteAsync(async token => await call(token), ct).AsTask();

    public async Task<ScannedRange> ReadAsync(
        ChainWatch watch, long from, long to, bool useTraces, long keepHeadersFrom, CancellationToken ct)
    {
        var transfers = new List<ObservedTransfer>();
        var headers = new Dictionary<long, BlockHeader>();
        if (watch.TokenAssets.Count > 0 && watch.RecoveryAddresses.Count > 0)
        {
            var logs = await ReadAdaptiveAsync(from, to, (a, b, token) => rpc.GetLogsAsync(TransferFilter(watch, a, b), token), ct);
            transfers.AddRange(TokenTransfers(watch, logs));
        }
        if (watch.NativeAssetId is { } nativeId && watch.RecoveryAddresses.Count > 0)
        {
            if (useTraces)
            {
                var traces = await ReadAdaptiveAsync(from, to, (a, b, token) => rpc.TraceFilterAsync(a, b, watch.RecoveryAddresses, token), ct);
                transfers.AddRange(await TraceTransfersAsync(watch, nativeId, traces, ct));
            }
            else
            {
                transfers.AddRange(await ReadNativeByBlocksAsync(watch, nativeId, from, to, headers, ct));
            }
        }
        for (var n = Math.Max(from, keepHeadersFrom); n <= to; n++)
        {
            if (headers.ContainsKey(n)) continue;
            var number = n;
            var block = await CallAsync(token => rpc.GetBlockByNumberAsync(number, false, token), ct)
                        ?? throw new ReorgDetectedException(chainId, n, "the node no longer has the block");
            headers[n] = new BlockHeader(block.Number, block.Hash, block.ParentHash);
        }
        return new ScannedRange(from, to, transfers, headers.Values.OrderBy(h => h.Number).ToList());
    }

    private static LogFilter TransferFilter(ChainWatch watch, long from, long to) => new(
        from, to, watch.TokenAssets.Keys.ToList(),
        [[Erc20Transfer.TransferTopic], null, watch.RecoveryAddresses.Select(ToTopic).ToList()]);

    private static Hash32 ToTopic(EthAddress address)
    {
        var word = new byte[32];
        address.CopyTo(word.AsSpan(12));
        return new Hash32(word);
    }

    private static IEnumerable<ObservedTransfer> TokenTransfers(ChainWatch watch, IEnumerable<RpcLog> logs)
    {
        var recovery = watch.RecoveryAddresses.ToHashSet();
        foreach (var log in logs)
        {
            // A log from a block that was reorganised away; the rescan of that block will bring the live one.
            if (log.Removed || !Erc20Transfer.TryDecode(log, out var transfer)) continue;
            if (!recovery.Contains(transfer.To) || !watch.TokenAssets.TryGetValue(transfer.Token, out var assetId) || transfer.Amount.IsZero)
                continue;
            yield return new ObservedTransfer(transfer.TransactionHash, TransferKind.Erc20, transfer.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
                transfer.BlockNumber, transfer.BlockHash, transfer.From, transfer.To, assetId, transfer.Amount);
        }
    }

    /// <summary>
    /// trace_filter lists a plain send as a top-level call, and a contract's payment or a
    /// SELFDESTRUCT's as an internal trace; both are read from here, so each is counted exactly
    /// once. Only value that really moved counts: the transaction succeeded, and no frame around
    /// an internal trace reverted. trace_filter by recipient shows none of those frames, so they
    /// are read with trace_transaction, once per transaction.
    /// </summary>
    private async Task<List<ObservedTransfer>> TraceTransfersAsync(
        ChainWatch watch, int nativeId, IEnumerable<RpcTrace> traces, CancellationToken ct)
    {
        var recovery = watch.RecoveryAddresses.ToHashSet();
        var succeeded = new Dictionary<TxHash, bool>();
        var frames = new Dictionary<TxHash, IReadOnlyList<RpcTrace>>();
        var result = new List<ObservedTransfer>();
        foreach (var trace in traces)
        {
            if (!trace.MovesValue || trace.Type is not ("call" or "suicide") || trace.TransactionHash is not { } tx
                || !recovery.Contains(trace.Action.To!.Value))
                continue;
            if (!succeeded.TryGetValue(tx, out var ok))
            {
                var receipt = await CallAsync(token => rpc.GetTransactionReceiptAsync(tx, token), ct);
                if (receipt is null || receipt.BlockHash != trace.BlockHash)
                    throw new ReorgDetectedException(chainId, trace.BlockNumber, "a receipt belongs to another block");
                succeeded[tx] = ok = receipt.Succeeded == true;
            }
            if (!ok) continue;
            if (!trace.IsTopLevel)
            {
                if (!frames.TryGetValue(tx, out var all))
                {
                    all = await CallAsync(token => rpc.TraceTransactionAsync(tx, token), ct);
                    if (all.Count == 0 || all.Any(t => t.BlockHash != trace.BlockHash))
                        throw new ReorgDetectedException(chainId, trace.BlockNumber, "a transaction's traces belong to another block");
                    frames[tx] = all;
                }
                if (!TraceFrames.AllSucceeded(all, trace)) continue;
            }
            result.Add(new ObservedTransfer(tx, trace.IsTopLevel ? TransferKind.Native : TransferKind.Internal,
                string.Join('.', trace.TraceAddress), trace.BlockNumber, trace.BlockHash,
                trace.Action.From!.Value, trace.Action.To!.Value, nativeId, trace.Action.Value));
        }
        return result;
    }

    /// <summary>
    /// Without traces only a transaction's own value is visible: internal transfers are not. The
    /// same rule holds: it counts only when the transaction's receipt has status 1.
    /// </summary>
    private async Task<List<ObservedTransfer>> ReadNativeByBlocksAsync(
        ChainWatch watch, int nativeId, long from, long to, Dictionary<long, BlockHeader> headers, CancellationToken ct)
    {
        var recovery = watch.RecoveryAddresses.ToHashSet();
        var result = new List<ObservedTransfer>();
        for (var n = from; n <= to; n++)
        {
            var number = n;
            var block = await CallAsync(token => rpc.GetBlockByNumberAsync(number, true, token), ct)
                        ?? throw new ReorgDetectedException(chainId, n, "the node no longer has the block");
            headers[n] = new BlockHeader(block.Number, block.Hash, block.ParentHash);
            foreach (var tx in block.Transactions)
            {
                if (tx.To is not { } to2 || !recovery.Contains(to2) || tx.Value.IsZero) continue;
                var receipt = await CallAsync(token => rpc.GetTransactionReceiptAsync(tx.Hash, token), ct);
                if (receipt is null || receipt.BlockHash != block.Hash)
                    throw new ReorgDetectedException(chainId, n, "a receipt belongs to another block");
                // Status 1 only: a receipt without a status (before Byzantium) cannot show that value moved.
                if (receipt.Succeeded != true) continue;
                result.Add(new ObservedTransfer(tx.Hash, TransferKind.Native, "", block.Number, block.Hash, tx.From, to2, nativeId, tx.Value));
            }
        }
        return result;
    }

    /// <summary>
    /// Asks for [from, to] in pieces no larger than the current range. A refused piece is narrowed
    /// as the provider suggests, or halved; the rest follows once it succeeds. Successes let the
    /// range grow back towards the configured maximum.
    /// </summary>
    private async Task<List<T>> ReadAdaptiveAsync<T>(
        long from, long to, Func<long, long, CancellationToken, Task<IReadOnlyList<T>>> fetch, CancellationToken ct)
    {
        var result = new List<T>();
        var cursor = from;
        while (cursor <= to)
        {
            var end = Math.Min(to, cursor + _range - 1);
            try
            {
                var start = cursor;
                result.AddRange(await CallAsync(token => fetch(start, end, token), ct));
                cursor = end + 1;
                _range = (int)Math.Min(_maxRange, (long)_range * 2);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var advice = LogRangeAdvice.Classify(e, cursor, end);
                switch (advice.Action)
                {
                    case LogRangeAction.Narrow or LogRangeAction.Halve:
                        _range = (int)(advice.To - cursor + 1);
                        logger.LogInformation("Chain {ChainId}: provider refused blocks {From}..{To} ({Reason}); asking for {Range} blocks at a time",
                            chainId, cursor, end, advice.Reason, _range);
                        break;
                    case LogRangeAction.SingleBlockFailed:
                        throw new InvalidOperationException($"The provider refuses even the single block {cursor}: {advice.Reason}", e);
                    default:
                        throw;
                }
            }
        }
        return result;
    }
}

/// <summary>The chain changed under the range being read; nothing from it is stored and the next poll re-checks.</summary>
public sealed class ReorgDetectedException(long chainId, long block, string why)
    : Exception($"Chain {chainId} changed at block {block} while it was being read: {why}.");
