using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// eth_getLogs, the hot path of a catch-up, read with System.Text.Json straight into
/// <see cref="RpcLog"/>s: Nethereum's GetLogs + DecodeAllEvents costs several times as much here.
/// Every other call goes through Nethereum. Failures are raised as Nethereum raises them
/// (<see cref="RpcErrors"/>), so <see cref="LogRangeAdvice"/> reads both alike. It does not retry:
/// the HttpClient's handler does.
/// </summary>
public sealed class LogReader(HttpClient http)
{
    private const int ExcerptLength = 500;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private long _nextId;

    public Task<IReadOnlyList<RpcLog>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken) =>
        SendAsync("eth_getLogs", w => WriteLogFilter(w, filter), static result => ReadArray(result, RpcLog.FromJson), cancellationToken);

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
            // The status is the verdict; the body of a failed reply was logged by the retry handler.
            throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} {response.StatusCode}", null, response.StatusCode);

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

    private static IReadOnlyList<T> ReadArray<T>(JsonElement result, Func<JsonElement, T> read)
    {
        if (result.ValueKind != JsonValueKind.Array)
            throw new RpcFormatException($"result should be an array, got {result.ValueKind}");
        var items = new List<T>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray()) items.Add(read(item));
        return items;
    }

    private static Exception? ReadError(string method, JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind == JsonValueKind.Null) return null;
        if (error.ValueKind != JsonValueKind.Object)
            return RpcErrors.Raise(method, 0, error.ToString(), null);
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var data = error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetRawText() : null;
        return RpcErrors.Raise(method, code, message, data);
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ExcerptLength * 4));
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }
}
