using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.Standards.ERC20.ContractDefinition;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Newtonsoft.Json.Linq;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Reconciliation;

namespace RescueTracker.Features.Verify;

/// <summary>
/// Counts the inflows into a chain's recovery addresses again, from the node alone, with Nethereum's own
/// requests, DTOs and event decoder. None of the reconciler's reading is used (its ChainReader, log stream
/// reader, trace model or frame check): a mistake there shows up here as a difference instead of agreeing
/// with itself. The rules are the reconciler's: only value that really moved counts (receipt status 1, and
/// for an internal transfer no enclosing frame reverted), token transfers are ERC-20 Transfer logs of the
/// watched contracts in exactly the ERC-20 shape, zero amounts are no inflow.
/// </summary>
public sealed class ChainRecount(IWeb3 web3, int maxRange)
{
    private static readonly string TransferTopic = "0x" + EventExtensions.GetEventABI<TransferEventDTO>().Sha3Signature;
    private long _requestId;

    public async Task<long> ChainIdAsync() => (long)(await web3.Eth.ChainId.SendRequestAsync()).Value;

    public async Task<long> HeadAsync() => (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    /// <summary>Whether the node answers trace_filter at all; a node without it shows no internal transfers.</summary>
    public async Task<bool> HasTracesAsync(long block, IReadOnlyList<EthAddress> recovery)
    {
        try
        {
            await TraceFilterAsync(block, block, recovery);
            return true;
        }
        catch (Exception e) when (RpcErrors.IsMethodNotFound(e))
        {
            return false;
        }
    }

    public async Task<List<Inflow>> TokenInflowsAsync(ChainWatch watch, long from, long to, CancellationToken ct)
    {
        var result = new List<Inflow>();
        if (watch.TokenAssets.Count == 0 || watch.RecoveryAddresses.Count == 0 || from > to) return result;
        var recovery = watch.RecoveryAddresses.ToHashSet();
        var toTopics = watch.RecoveryAddresses.Select(a => "0x" + new string('0', 24) + a.ToLowerHex()[2..]).ToArray();
        await foreach (var logs in PagedAsync(from, to, (a, b) => GetLogsAsync(watch, toTopics, a, b), ct))
        {
            foreach (var log in logs)
            {
                // Exactly the ERC-20 shape: three topics and one word of data (ERC-721 has four topics, no data).
                if (log.Removed || log.Topics is not { Length: 3 } || log.Data is null || log.Data.Length != 2 + 64) continue;
                var decoded = log.DecodeEvent<TransferEventDTO>();
                if (decoded is null) continue;
                var token = EthAddress.Parse(log.Address.ToLowerInvariant());
                var receiver = EthAddress.Parse(decoded.Event.To.ToLowerInvariant());
                if (!watch.TokenAssets.TryGetValue(token, out var assetId) || !recovery.Contains(receiver) || decoded.Event.Value.IsZero) continue;
                result.Add(new Inflow(TxHash.Parse(log.TransactionHash), TransferKind.Erc20, log.LogIndex.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (long)log.BlockNumber.Value, Hash32.Parse(log.BlockHash), EthAddress.Parse(decoded.Event.From.ToLowerInvariant()), receiver,
                    assetId, decoded.Event.Value));
            }
        }
        return result;
    }

    private async Task<FilterLog[]> GetLogsAsync(ChainWatch watch, string[] toTopics, long from, long to) =>
        await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            FromBlock = new BlockParameter(new HexBigInteger(from)),
            ToBlock = new BlockParameter(new HexBigInteger(to)),
            Address = watch.TokenAssets.Keys.Select(a => a.ToLowerHex()).ToArray(),
            Topics = [TransferTopic, null, toTopics],
        });

    /// <summary>
    /// Native ETH through trace_filter: a transaction's own value (a top-level call) and what contracts
    /// sent (an internal call, or a SELFDESTRUCT's balance). A delegatecall re-reports its caller's value
    /// and a staticcall carries none, so only plain calls count.
    /// </summary>
    public async Task<List<Inflow>> NativeInflowsByTracesAsync(ChainWatch watch, int nativeId, long from, long to, CancellationToken ct)
    {
        var result = new List<Inflow>();
        if (watch.RecoveryAddresses.Count == 0 || from > to) return result;
        var recovery = watch.RecoveryAddresses.ToHashSet();
        var receipts = new Dictionary<TxHash, bool>();
        var frames = new Dictionary<TxHash, JArray>();
        await foreach (var traces in PagedAsync(from, to, (a, b) => TraceFilterAsync(a, b, watch.RecoveryAddresses), ct))
        {
            foreach (var trace in traces)
            {
                if (ValueSent(trace) is not var (sender, receiver, value) || !recovery.Contains(receiver)) continue;
                if (trace["transactionHash"]?.Value<string>() is not { } hashText) continue;
                var tx = TxHash.Parse(hashText);
                var blockHash = Hash32.Parse(trace.Value<string>("blockHash")!);
                var blockNumber = trace.Value<long>("blockNumber");
                if (!receipts.TryGetValue(tx, out var succeeded)) receipts[tx] = succeeded = await SucceededAsync(tx, blockHash, ct);
                if (!succeeded) continue;
                var path = trace["traceAddress"]!.Values<int>().ToList();
                if (path.Count > 0)
                {
                    if (!frames.TryGetValue(tx, out var all)) frames[tx] = all = await TraceTransactionAsync(tx);
                    if (!EnclosingFramesSucceeded(all, path)) continue;
                }
                result.Add(new Inflow(tx, path.Count == 0 ? TransferKind.Native : TransferKind.Internal, string.Join('.', path),
                    blockNumber, blockHash, sender, receiver, nativeId, value));
            }
        }
        return result;
    }

    private static (EthAddress From, EthAddress To, BigInteger Value)? ValueSent(JToken trace)
    {
        if (trace["error"] is { Type: not JTokenType.Null }) return null;
        var action = trace["action"]!;
        var (from, to, value) = trace.Value<string>("type") switch
        {
            "call" when action.Value<string>("callType") is null or "call" =>
                (action.Value<string>("from"), action.Value<string>("to"), action.Value<string>("value")),
            "suicide" => (action.Value<string>("address"), action.Value<string>("refundAddress"), action.Value<string>("balance")),
            _ => (null, null, null),
        };
        if (from is null || to is null || value is null) return null;
        var amount = new HexBigInteger(value).Value;
        return amount.Sign > 0 ? (EthAddress.Parse(from.ToLowerInvariant()), EthAddress.Parse(to.ToLowerInvariant()), amount) : null;
    }

    /// <summary>
    /// A call inside a frame that reverted keeps no error of its own, yet moved nothing: every frame whose
    /// trace address is a prefix of the call's, from the root down, must have ended without an error.
    /// </summary>
    private static bool EnclosingFramesSucceeded(JArray transactionTraces, IReadOnlyList<int> path)
    {
        for (var depth = 0; depth < path.Count; depth++)
        {
            var prefix = path.Take(depth).ToList();
            var frame = transactionTraces.FirstOrDefault(t => t["traceAddress"]!.Values<int>().SequenceEqual(prefix))
                        ?? throw new InvalidOperationException($"trace_transaction lacks the frame [{string.Join(',', prefix)}] around [{string.Join(',', path)}]");
            if (frame["error"] is { Type: not JTokenType.Null }) return false;
        }
        return true;
    }

    /// <summary>
    /// Without traces only a transaction's own value can be seen: every block is read with its
    /// transactions, and a send into a recovery address counts when its receipt has status 1.
    /// </summary>
    public async Task<List<Inflow>> NativeInflowsByBlocksAsync(ChainWatch watch, int nativeId, long from, long to, CancellationToken ct)
    {
        var result = new List<Inflow>();
        var recovery = watch.RecoveryAddresses.ToHashSet();
        if (recovery.Count == 0) return result;
        for (var n = from; n <= to; n++)
        {
            ct.ThrowIfCancellationRequested();
            var block = await web3.Eth.Blocks.GetBlockWithTransactionsByNumber.SendRequestAsync(new HexBigInteger(n))
                        ?? throw new InvalidOperationException($"The node has no block {n}.");
            var blockHash = Hash32.Parse(block.BlockHash);
            foreach (var tx in block.Transactions ?? [])
            {
                if (tx.To is null || tx.Value?.Value is not { Sign: > 0 } value) continue;
                var receiver = EthAddress.Parse(tx.To.ToLowerInvariant());
                if (!recovery.Contains(receiver)) continue;
                var hash = TxHash.Parse(tx.TransactionHash);
                if (!await SucceededAsync(hash, blockHash, ct)) continue;
                result.Add(new Inflow(hash, TransferKind.Native, "", n, blockHash, EthAddress.Parse(tx.From.ToLowerInvariant()), receiver, nativeId, value));
            }
        }
        return result;
    }

    private async Task<bool> SucceededAsync(TxHash tx, Hash32 blockHash, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(tx.ToString());
        if (receipt is null || !Hash32.TryParse(receipt.BlockHash, out var hash) || hash != blockHash)
            throw new InvalidOperationException($"The chain changed while it was read: the receipt of {tx} is not from block {blockHash}. Run the check again.");
        return receipt.Status?.Value == 1;
    }

    private async Task<JArray> TraceFilterAsync(long from, long to, IReadOnlyList<EthAddress> recovery) =>
        await TracesAsync("trace_filter", new
        {
            fromBlock = new HexBigInteger(from).HexValue,
            toBlock = new HexBigInteger(to).HexValue,
            toAddress = recovery.Select(a => a.ToLowerHex()).ToArray(),
        });

    private Task<JArray> TraceTransactionAsync(TxHash tx) => TracesAsync("trace_transaction", tx.ToString());

    private async Task<JArray> TracesAsync(string method, object parameter)
    {
        var reply = await web3.Client.SendRequestAsync<JToken>(new RpcRequest(Interlocked.Increment(ref _requestId), method, parameter));
        return reply as JArray ?? (reply is null || reply.Type == JTokenType.Null ? [] : throw new InvalidOperationException($"{method} answered {reply.Type}, not a list of traces."));
    }

    /// <summary>
    /// [from, to] in requests of at most the chain's configured range, each piece shortened as the
    /// provider asks (or halved) when it refuses one or does not answer in time; no block is skipped.
    /// </summary>
    private async IAsyncEnumerable<T> PagedAsync<T>(long from, long to, Func<long, long, Task<T>> fetch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var range = (long)maxRange;
        for (var cursor = from; cursor <= to;)
        {
            ct.ThrowIfCancellationRequested();
            var end = Math.Min(to, cursor + range - 1);
            T page;
            try
            {
                page = await fetch(cursor, end);
            }
            catch (Exception e) when (LogRangeAdvice.Classify(e, cursor, end) is { Action: LogRangeAction.Narrow or LogRangeAction.Halve } advice)
            {
                range = advice.To - cursor + 1;
                continue;
            }
            // A range too wide for the node to answer in time (trace_filter over a busy stretch) is asked in halves.
            catch (Exception e) when (RpcErrors.IsTimeout(e) && end > cursor)
            {
                range = (end - cursor + 1) / 2;
                continue;
            }
            yield return page;
            cursor = end + 1;
        }
    }
}
