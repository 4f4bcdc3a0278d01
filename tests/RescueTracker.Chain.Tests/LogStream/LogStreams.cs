using System.Text;

namespace RescueTracker.Chain.Tests.LogStream;

/// <summary>Runs a whole reply through the reader's own buffer loop, as a node's body would arrive.</summary>
internal static class LogStreams
{
    public static Task<List<Erc20Transfer>> ReadAsync(string reply, int chunk = int.MaxValue, int initialBuffer = 64 * 1024) =>
        ReadAsync(Encoding.UTF8.GetBytes(reply), chunk, initialBuffer);

    public static async Task<List<Erc20Transfer>> ReadAsync(byte[] reply, int chunk = int.MaxValue, int initialBuffer = 64 * 1024)
    {
        var all = new List<Erc20Transfer>();
        await using var body = new TrickleStream(reply, chunk);
        await foreach (var transfers in LogStreamReader.ReadBodyAsync(body, new LogReplyParser("eth_getLogs", 1), initialBuffer, CancellationToken.None))
            all.AddRange(transfers);
        return all;
    }

    /// <summary>An eth_getLogs reply holding the given log objects (JSON text).</summary>
    public static string Reply(params string[] logs) => $$"""{"jsonrpc":"2.0","id":1,"result":[{{string.Join(',', logs)}}]}""";

    /// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read, so JSON tokens straddle reads.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
