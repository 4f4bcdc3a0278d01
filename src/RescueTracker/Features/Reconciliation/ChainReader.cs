using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Newtonsoft.Json.Linq;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// The only caller of a chain's node. Reads one block range: ERC-20 Transfer logs into the recovery
/// addresses (filtered by topic on the node), native ETH sent to them, and block headers near the
/// head. Range requests shrink when a provider refuses them and grow back after successes; no block
/// is ever skipped. Calls go through Nethereum, except eth_getLogs (see <see cref="LogStreamReader"/>);
/// retries happen below both, in the HttpClient's <see cref="RpcRetryHandler"/>.
/// </summary>
public sealed class ChainReader(IWeb3 web3, LogStreamReader logReader, int maxRange, ILogger logger, long chainId)
{
    private readonly int _maxRange = maxRange;
    private int _range = maxRange;
    private long _requestId;

    /// <summary>The block count the next eth_getLogs request asks for.</summary>
    public int CurrentRange => _range;

    public Task<long> GetChainIdAsync(CancellationToken ct) =>
        Quantity(web3.Eth.ChainId.SendRequestAsync(), "eth_chainId", ct);

    public Task<long> GetHeadAsync(CancellationToken ct) =>
        Quantity(web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), "eth_blockNumber", ct);

    /// <summary>The block's identity, or null when the node has no block at that height (any more).</summary>
    public async Task<BlockHeader?> GetHeaderAsync(long number, CancellationToken ct)
    {
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(number)).WaitAsync(ct);
        return block is null ? null : Header(block);
    }

    /// <summary>Traces in the inclusive block range whose callee is one of <paramref name="toAddresses"/>.</summary>
    public Task<IReadOnlyList<RpcTrace>> TraceFilterAsync(long from, long to, IEnumerable<EthAddress> toAddresses, CancellationToken ct) =>
        TracesAsync("trace_filter", new
        {
            fromBlock = HexQuantity.Format(from),
            toBlock = HexQuantity.Format(to),
            toAddress = toAddresses.Select(a => a.ToLowerHex()).ToArray(),
        }, ct);

    private async Task<IReadOnlyList<RpcTrace>> TracesAsync(string method, object parameter, CancellationToken ct)
    {
        var request = new RpcRequest(Interlocked.Increment(ref _requestId), method, parameter);
        return RpcTrace.ListFromJson(method, await web3.Client.SendRequestAsync<JToken>(request).WaitAsync(ct));
    }

    private static async Task<long> Quantity(Task<HexBigInteger> call, string method, CancellationToken ct)
    {
        var value = (await call.WaitAsync(ct))?.Value;
        return value is { Sign: >= 0 } v && v <= long.MaxValue
            ? (long)v
            : throw new RpcMalformedResponseException(method, $"the result is not a block quantity: {value}", "");
    }

    private BlockHeader Header(Block block)
    {
        var number = block.Number?.Value;
        if (number is not { Sign: >= 0 } n || n > long.MaxValue || !Hash32.TryParse(block.BlockHash, out var hash) || !Hash32.TryParse(block.ParentHash, out var parent))
            throw new RpcMalformedResponseException("eth_getBlockByNumber", $"block {number} lacks a number, hash or parent hash", "");
        return new BlockHeader((long)n, hash, parent);
    }

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
                var traces = await ReadAdaptiveAsync(from, to, (a, b, token) => TraceFilterAsync(a, b, watch.RecoveryAddresses, token), ct);
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
            headers[n] = await GetHeaderAsync(n, ct) ?? throw new ReorgDetectedException(chainId, n, "the node no longer has the block");
        }
        return new ScannedRange(from, to, transfers, headers.Values.OrderBy(h => h.Number).ToList());
    }

    private static LogFilter TransferFilter(ChainWatch watch, long from, long to) => new(
        from, to, watch.TokenAssets.Keys.ToList(),
        [[Erc20Transfer.TransferTopic], null, watch.RecoveryAddresses.Select(Hash32.FromAddress).ToList()]);

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
                succeeded[tx] = ok = await SucceededAsync(tx, trace.BlockNumber, trace.BlockHash, ct);
            if (!ok) continue;
            if (!trace.IsTopLevel)
            {
                if (!frames.TryGetValue(tx, out var all))
                {
                    all = await TracesAsync("trace_transaction", tx.ToString(), ct);
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
            var block = await web3.Eth.Blocks.GetBlockWithTransactionsByNumber.SendRequestAsync(new HexBigInteger(n)).WaitAsync(ct)
                        ?? throw new ReorgDetectedException(chainId, n, "the node no longer has the block");
            var header = headers[n] = Header(block);
            foreach (var tx in block.Transactions ?? [])
            {
                var sent = NativeSend.Of(tx);
                if (sent is not { } s || !recovery.Contains(s.To)) continue;
                if (!await SucceededAsync(s.TxHash, header.Number, header.Hash, ct)) continue;
                result.Add(new ObservedTransfer(s.TxHash, TransferKind.Native, "", header.Number, header.Hash, s.From, s.To, nativeId, s.Value));
            }
        }
        return result;
    }

    /// <summary>
    /// Whether the transaction's receipt says it succeeded (status 1). A receipt from another block
    /// means the node switched forks while the range was read. A receipt without a status (before
    /// Byzantium, 2017) cannot show that value moved, so it does not count.
    /// </summary>
    private async Task<bool> SucceededAsync(TxHash tx, long blockNumber, Hash32 blockHash, CancellationToken ct)
    {
        var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(tx.ToString()).WaitAsync(ct);
        if (receipt is null || !Hash32.TryParse(receipt.BlockHash, out var hash) || hash != blockHash)
            throw new ReorgDetectedException(chainId, blockNumber, "a receipt belongs to another block");
        return receipt.Status?.Value == 1;
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
                result.AddRange(await fetch(cursor, end, ct));
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

/// <summary>A transaction's own ETH value as a full block lists it, validated.</summary>
internal readonly record struct NativeSend(TxHash TxHash, EthAddress From, EthAddress To, System.Numerics.BigInteger Value)
{
    /// <summary>Null for a contract creation or a transaction that sends no ETH.</summary>
    public static NativeSend? Of(Transaction tx)
    {
        if (tx.To is null || tx.Value?.Value is not { Sign: > 0 } value) return null;
        if (!TxHash.TryParse(tx.TransactionHash, out var hash) || !EthAddress.TryParse(tx.From?.ToLowerInvariant(), out var from)
            || !EthAddress.TryParse(tx.To.ToLowerInvariant(), out var to))
            throw new RpcMalformedResponseException("eth_getBlockByNumber", $"transaction {tx.TransactionHash} has a malformed hash or address", "");
        return new NativeSend(hash, from, to, value);
    }
}
