using Polly;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Reads one block range from a node: ERC-20 Transfer logs into the recovery addresses (filtered
/// by topic on the node), native ETH sent to them, and block headers near the head. Range requests
/// shrink when a provider refuses them and grow back after successes; no block is ever skipped.
/// </summary>
public sealed class ChainReader(EthRpcClient rpc, LogStreamReader logReader, ResiliencePipeline resilience, int maxRange, ILogger logger, long chainId)
{
    private readonly int _maxRange = maxRange;
    private int _range = maxRange;

    /// <summary>The block count the next eth_getLogs request asks for.</summary>
    public int CurrentRange => _range;

    public Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        resilience.ExecuteAsync(async token => await call(token), ct).AsTask();

    /// <param name="tokenStream">When given, token transfers go there as they are decoded instead of into the result.</param>
    public async Task<ScannedRange> ReadAsync(
        ChainWatch watch, long from, long to, bool useTraces, long keepHeadersFrom, CancellationToken ct, TransferStream? tokenStream = null)
    {
        var transfers = new List<ObservedTransfer>();
        var headers = new Dictionary<long, BlockHeader>();
        if (watch.TokenAssets.Count > 0 && watch.RecoveryAddresses.Count > 0)
            transfers.AddRange(await ReadAdaptiveAsync(from, to, (a, b, token) => ReadTokenTransfersAsync(watch, a, b, tokenStream, token), ct));
        if (watch.NativeAssetId is { } nativeId && watch.RecoveryAddresses.Count > 0)
        {
            if (useTraces)
            {
                var traces = await ReadAdaptiveAsync(from, to, (a, b, token) => rpc.TraceFilterAsync(a, b, watch.RecoveryAddresses, token), ct);
                transfers.AddRange(TraceTransfers(watch, nativeId, traces));
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

    /// <summary>One eth_getLogs request, as one attempt of the stream: undone by the store if the request fails.</summary>
    private async Task<IReadOnlyList<ObservedTransfer>> ReadTokenTransfersAsync(
        ChainWatch watch, long from, long to, TransferStream? stream, CancellationToken ct)
    {
        var result = new List<ObservedTransfer>();
        var recovery = watch.RecoveryAddresses.ToHashSet();
        if (stream is not null) await stream.BeginAttemptAsync(ct);
        var read = false;
        try
        {
            await foreach (var logs in logReader.ReadTransfersAsync(TransferFilter(watch, from, to), ct))
            {
                if (stream is null) result.AddRange(TokenTransfers(watch, recovery, logs));
                else await stream.WriteAsync(TokenTransfers(watch, recovery, logs).ToList(), ct);
            }
            read = true;
        }
        finally
        {
            if (stream is not null) await stream.EndAttemptAsync(read, ct);
        }
        return result;
    }

    private static IEnumerable<ObservedTransfer> TokenTransfers(ChainWatch watch, HashSet<EthAddress> recovery, IEnumerable<Erc20Transfer> transfers)
    {
        foreach (var transfer in transfers)
        {
            // A log from a block that was reorganised away; the rescan of that block will bring the live one.
            if (transfer.Removed) continue;
            if (!recovery.Contains(transfer.To) || !watch.TokenAssets.TryGetValue(transfer.Token, out var assetId) || transfer.Amount.IsZero)
                continue;
            yield return new ObservedTransfer(transfer.TransactionHash, TransferKind.Erc20, transfer.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
                transfer.BlockNumber, transfer.BlockHash, transfer.From, transfer.To, assetId, transfer.Amount);
        }
    }

    /// <summary>
    /// trace_filter lists a plain send as a top-level call and a contract's payment as an internal
    /// one; both are read from here, so each is counted exactly once. Failed calls moved nothing.
    /// </summary>
    private static IEnumerable<ObservedTransfer> TraceTransfers(ChainWatch watch, int nativeId, IEnumerable<RpcTrace> traces)
    {
        var recovery = watch.RecoveryAddresses.ToHashSet();
        foreach (var trace in traces)
        {
            if (!trace.MovesValue || trace.Type != "call" || trace.TransactionHash is not { } tx || !recovery.Contains(trace.Action.To!.Value))
                continue;
            yield return new ObservedTransfer(tx, trace.IsTopLevel ? TransferKind.Native : TransferKind.Internal,
                string.Join('.', trace.TraceAddress), trace.BlockNumber, trace.BlockHash,
                trace.Action.From!.Value, trace.Action.To!.Value, nativeId, trace.Action.Value);
        }
    }

    /// <summary>Without traces only a transaction's own value is visible: internal transfers are not.</summary>
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
                if (receipt.Succeeded == false) continue;
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
