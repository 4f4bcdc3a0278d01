using System.Net.Http.Headers;
using System.Text;
using RescueTracker.Chain;

namespace RescueTracker.Benchmarks;

/// <summary>
/// The baseline: a plain HttpClient POSTing each eth_getLogs request and reading the whole reply
/// body, with no JSON parsing. Logs are counted by their "logIndex" members, a vectorised search
/// that costs about 1% of the fetch.
/// </summary>
public static class BareGetLogs
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<int> FetchAsync(HttpClient http, IEnumerable<LogFilter> ranges)
    {
        var count = 0;
        foreach (var range in ranges)
        {
            using var content = new ByteArrayContent(Request(range)) { Headers = { ContentType = Json } };
            using var response = await http.PostAsync((Uri?)null, content);
            response.EnsureSuccessStatusCode();
            count += CountLogs(await response.Content.ReadAsByteArrayAsync());
        }
        return count;
    }

    private static int CountLogs(ReadOnlySpan<byte> body)
    {
        var count = 0;
        for (int at; (at = body.IndexOf("\"logIndex\""u8)) >= 0; body = body[(at + 10)..]) count++;
        return count;
    }

    private static byte[] Request(LogFilter filter)
    {
        var addresses = string.Join(',', filter.Addresses.Select(a => $"\"{a.ToLowerHex()}\""));
        var topics = string.Join(',', filter.Topics!.Select(p => p is null ? "null" : "[" + string.Join(',', p.Select(t => $"\"{t}\"")) + "]"));
        return Encoding.UTF8.GetBytes($$"""
            {"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"{{HexQuantity.Format(filter.FromBlock)}}","toBlock":"{{HexQuantity.Format(filter.ToBlock)}}","address":[{{addresses}}],"topics":[{{topics}}]}]}
            """);
    }
}
