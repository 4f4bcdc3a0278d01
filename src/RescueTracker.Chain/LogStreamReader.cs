using System.Buffers;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// eth_getLogs for ERC-20 Transfer logs, decoded while the reply arrives: a catch-up reply can
/// hold 100,000 logs (60 MB of JSON), and neither the body nor a document of it is ever held
/// whole. The HttpClient's BaseAddress is the node's URL. Failures are raised as Nethereum raises
/// them (<see cref="RpcErrors"/>: a JSON-RPC error, an HTTP status) or as
/// <see cref="RpcMalformedResponseException"/>, so that <see cref="LogRangeAdvice"/> reads every
/// call alike.
/// </summary>
public sealed class LogStreamReader(HttpClient http)
{
    private const string Method = "eth_getLogs";
    private const int InitialBuffer = 64 * 1024;
    // A socket read holds a few dozen logs; a consumer taking them one read at a time pays its hand-off per read.
    private const int BatchSize = 512;

    /// <summary>The largest single log (or other member of the reply) read; a larger one is a malformed reply.</summary>
    public const int MaxValueBytes = 16 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _nextId;

    /// <summary>
    /// The reply's ERC-20 Transfers (removed ones included, each flagged), in reply order, in
    /// batches of a few hundred. Logs of any other shape are checked and left out. The sequence
    /// ends normally only once the whole reply has been read and found well-formed: a caller that
    /// stores rows as they come must undo them when enumeration throws.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<Erc20Transfer>> ReadTransfersAsync(
        LogFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var id = Interlocked.Increment(ref _nextId);
        using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null)
        {
            Content = new ByteArrayContent(WriteRequest(id, filter)) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            // A provider's JSON-RPC refusal keeps its words whatever the status; anything else is the status.
            throw (Exception?)TryReadError(body)
                  ?? new HttpRequestException($"{Method}: HTTP {(int)response.StatusCode} {response.StatusCode}: {RpcReply.Excerpt(body)}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var transfers in ReadBodyAsync(stream, new LogReplyParser(Method, id), InitialBuffer, cancellationToken).ConfigureAwait(false))
            yield return transfers;
    }

    internal static async IAsyncEnumerable<IReadOnlyList<Erc20Transfer>> ReadBodyAsync(
        Stream body, LogReplyParser parser, int initialBuffer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(initialBuffer);
        try
        {
            int start = 0, end = 0;
            var final = false;
            var transfers = new List<Erc20Transfer>(BatchSize);
            while (!final)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) buffer = Grow(buffer, end, parser);
                var read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                parser.Observe(buffer.AsSpan(end, read));
                end += read;
                final = read == 0;

                start += parser.Parse(buffer.AsSpan(start, end - start), final, transfers);
                if (transfers.Count < BatchSize) continue;
                yield return transfers;
                transfers = new List<Erc20Transfer>(BatchSize);
            }
            if (transfers.Count > 0) yield return transfers;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        parser.Finish();
    }

    private static byte[] Grow(byte[] buffer, int used, LogReplyParser parser)
    {
        // One value fills the whole buffer: it is larger than any real log, or the reply never closes it.
        if (buffer.Length >= MaxValueBytes) throw parser.Malformed($"a single value in the reply is larger than {MaxValueBytes / (1024 * 1024)} MB");
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxValueBytes, buffer.Length * 2));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static Nethereum.JsonRpc.Client.RpcResponseException? TryReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null
                ? LogReplyParser.ReadError(Method, error)
                : null;
        }
        catch (JsonException)
        {
            // Error pages from proxies are often HTML; the excerpt keeps them for the log.
            return null;
        }
    }

    private static byte[] WriteRequest(long id, LogFilter filter)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WriteString("method", Method);
            w.WriteStartArray("params");
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
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
