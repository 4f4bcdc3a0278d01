using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// A JSON-RPC 2.0 client for an Ethereum node over a typed <see cref="HttpClient"/> whose
/// BaseAddress is the node's URL. It does not retry: the caller decides, because whether to
/// retry, narrow the range or give up depends on what it was doing
/// (see <see cref="LogRangeAdvice"/>).
/// </summary>
public sealed class EthRpcClient(HttpClient http, TimeProvider? time = null)
{
    private const int ExcerptLength = 500;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _nextId;

    public Task<long> GetChainIdAsync(CancellationToken cancellationToken) =>
        SendAsync("eth_chainId", static _ => { }, ReadQuantity, cancellationToken);

    public Task<long> GetBlockNumberAsync(CancellationToken cancellationToken) =>
        SendAsync("eth_blockNumber", static _ => { }, ReadQuantity, cancellationToken);

    /// <summary>The block, or null when the node has no block at that height (yet).</summary>
    public Task<RpcBlock?> GetBlockByNumberAsync(long number, bool fullTransactions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        return SendAsync(
            "eth_getBlockByNumber",
            w =>
            {
                w.WriteStringValue(HexQuantity.Format(number));
                w.WriteBooleanValue(fullTransactions);
            },
            static result => result.ValueKind == JsonValueKind.Null ? null : RpcBlock.FromJson(result),
            cancellationToken);
    }

    /// <summary>The receipt, or null when the transaction is unknown or not yet mined.</summary>
    public Task<RpcReceipt?> GetTransactionReceiptAsync(TxHash hash, CancellationToken cancellationToken) =>
        SendAsync(
            "eth_getTransactionReceipt",
            w => w.WriteStringValue(hash.ToString()),
            static result => result.ValueKind == JsonValueKind.Null ? null : RpcReceipt.FromJson(result),
            cancellationToken);

    public Task<IReadOnlyList<RpcLog>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken) =>
        SendAsync("eth_getLogs", w => WriteLogFilter(w, filter), static result => ReadArray(result, RpcLog.FromJson), cancellationToken);

    /// <summary>
    /// Traces in the inclusive block range whose callee is one of <paramref name="toAddresses"/>.
    /// Nodes without tracing answer with an error for which
    /// <see cref="JsonRpcException.IsMethodNotFound"/> is true.
    /// </summary>
    public Task<IReadOnlyList<RpcTrace>> TraceFilterAsync(
        long fromBlock, long toBlock, IReadOnlyCollection<EthAddress> toAddresses, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromBlock);
        ArgumentOutOfRangeException.ThrowIfLessThan(toBlock, fromBlock);
        return SendAsync(
            "trace_filter",
            w =>
            {
                w.WriteStartObject();
                w.WriteString("fromBlock", HexQuantity.Format(fromBlock));
                w.WriteString("toBlock", HexQuantity.Format(toBlock));
                w.WriteStartArray("toAddress");
                foreach (var address in toAddresses) w.WriteStringValue(address.ToLowerHex());
                w.WriteEndArray();
                w.WriteEndObject();
            },
            static result => ReadArray(result, RpcTrace.FromJson),
            cancellationToken);
    }

    /// <summary>
    /// Every trace of one transaction, the root call first, with the frames that enclose an
    /// internal call (trace_filter by recipient leaves them out). Empty when the node does not
    /// know the transaction: Anvil answers [] and others null.
    /// </summary>
    public Task<IReadOnlyList<RpcTrace>> TraceTransactionAsync(TxHash hash, CancellationToken cancellationToken) =>
        SendAsync(
            "trace_transaction",
            w => w.WriteStringValue(hash.ToString()),
            static result => result.ValueKind == JsonValueKind.Null ? [] : ReadArray(result, RpcTrace.FromJson),
            cancellationToken);

    private async Task<T> SendAsync<T>(
        string method, Action<Utf8JsonWriter> writeParams, Func<JsonElement, T> readResult, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null)
        {
            Content = new ByteArrayContent(WriteRequest(id, method, writeParams)) { Headers = { ContentType = Json } },
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = RpcHttpException.ParseRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow());
            throw new RpcHttpException(method, response.StatusCode, retryAfter, Excerpt(body), TryReadError(method, body));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new RpcMalformedResponseException(method, "not valid JSON", Excerpt(body), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RpcMalformedResponseException(method, $"expected a JSON-RPC object, got {root.ValueKind}", Excerpt(body));
            if (ReadError(method, root) is { } error) throw error;
            if (root.TryGetProperty("id", out var replyId) && replyId.ValueKind == JsonValueKind.Number
                && (!replyId.TryGetInt64(out var replyNumber) || replyNumber != id))
                throw new RpcMalformedResponseException(method, $"reply id {replyId.GetRawText()} does not match request id {id}", Excerpt(body));
            if (!root.TryGetProperty("result", out var result))
                throw new RpcMalformedResponseException(method, "neither result nor error", Excerpt(body));
            try
            {
                return readResult(result);
            }
            catch (RpcFormatException ex)
            {
                throw new RpcMalformedResponseException(method, ex.Message, Excerpt(body), ex);
            }
        }
    }

    private static byte[] WriteRequest(long id, string method, Action<Utf8JsonWriter> writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WriteString("method", method);
            w.WriteStartArray("params");
            writeParams(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLogFilter(Utf8JsonWriter w, LogFilter filter)
    {
        w.WriteStartObject();
        w.WriteString("fromBlock", HexQuantity.Format(filter.FromBlock));
        w.WriteString("toBlock", HexQuantity.Format(filter.ToBlock));
        if (filter.Addresses.Count > 0)
        {
            w.WriteStartArray("address");
            foreach (var address in filter.Addresses) w.WriteStringValue(address.ToLowerHex());
            w.WriteEndArray();
        }
        if (filter.Topics is { } topics)
        {
            w.WriteStartArray("topics");
            foreach (var position in topics)
            {
                if (position is null)
                {
                    w.WriteNullValue();
                    continue;
                }
                w.WriteStartArray();
                foreach (var topic in position) w.WriteStringValue(topic.ToString());
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static long ReadQuantity(JsonElement result) =>
        result.ValueKind == JsonValueKind.String && HexQuantity.TryParse(result.GetString(), out long value)
            ? value
            : throw new RpcFormatException($"result is not a quantity: {result.GetRawText()}");

    private static IReadOnlyList<T> ReadArray<T>(JsonElement result, Func<JsonElement, T> read)
    {
        if (result.ValueKind != JsonValueKind.Array)
            throw new RpcFormatException($"result should be an array, got {result.ValueKind}");
        var items = new List<T>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray()) items.Add(read(item));
        return items;
    }

    private static JsonRpcException? ReadError(string method, JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind == JsonValueKind.Null) return null;
        if (error.ValueKind != JsonValueKind.Object)
            return new JsonRpcException(method, 0, error.ToString(), null);
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var data = error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetRawText() : null;
        return new JsonRpcException(method, code, message, data);
    }

    private static JsonRpcException? TryReadError(string method, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? ReadError(method, document.RootElement) : null;
        }
        catch (JsonException)
        {
            // Error pages from proxies are often HTML; the excerpt keeps them for the log.
            return null;
        }
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ExcerptLength * 4));
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }
}
