using System.Net.Sockets;
using System.Text;

namespace RescueTracker.Tests.Hosting;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a socket, for what HttpClient refuses to send (an empty or
/// malformed Host header) or cannot be trusted to read (an early answer to a body the server stopped reading); the
/// connection closes after the answer.
/// </summary>
internal static class RawHttp
{
    private const int Piece = 16 * 1024;

    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name);
    }

    /// <param name="host">The Host header's value as sent; null sends no Host header at all.</param>
    public static Task<Answer> SendAsync(Uri server, string method, string path, string? host,
        IReadOnlyDictionary<string, string>? headers = null, string? body = null) =>
        SendAsync(server, method, path, host, headers, body is null ? null : Encoding.UTF8.GetBytes(body), chunkSize: null);

    /// <summary>
    /// Sends the body with its Content-Length, or chunked in chunks of <paramref name="chunkSize"/> bytes, 16 KiB at a
    /// time while reading the answer, and stops sending once the server has answered or closed: a server that refuses a
    /// body part way (a 413) answers and closes while the client is still writing. HttpClient then at times reports its
    /// failed write (a broken pipe) instead of the answer it had received (dotnet/runtime#69048); a careful client, as
    /// this one, reads the answer. (HttpClient also never chunks a body whose length it can tell.)
    /// </summary>
    public static async Task<Answer> SendAsync(Uri server, string method, string path, string? host,
        IReadOnlyDictionary<string, string>? headers, byte[]? body, int? chunkSize)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder($"{method} {path} HTTP/1.1\r\n");
        if (host is not null) request.Append($"Host: {host}\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Append($"{name}: {value}\r\n");
        if (body is not null) request.Append(chunkSize is null ? $"Content-Length: {body.Length}\r\n" : "Transfer-Encoding: chunked\r\n");
        request.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        var answering = new TaskCompletionSource();
        var answer = ReadAnswerAsync(stream, answering);
        var wire = body is null ? [] : chunkSize is { } size ? Chunked(body, size) : body;
        try
        {
            for (var at = 0; at < wire.Length && !answering.Task.IsCompleted; at += Piece)
                await stream.WriteAsync(wire.AsMemory(at, Math.Min(Piece, wire.Length - at)));
        }
        catch (IOException)
        {
            // The server closed its side: what it answered before is read below.
        }
        return Parse(Encoding.UTF8.GetString(await answer));
    }

    /// <summary>The body in chunks of <paramref name="size"/> bytes, and the last, empty chunk.</summary>
    private static byte[] Chunked(byte[] body, int size)
    {
        using var wire = new MemoryStream();
        for (var at = 0; at < body.Length; at += size)
        {
            var length = Math.Min(size, body.Length - at);
            wire.Write(Encoding.ASCII.GetBytes($"{length:X}\r\n"));
            wire.Write(body, at, length);
            wire.Write("\r\n"u8);
        }
        wire.Write("0\r\n\r\n"u8);
        return wire.ToArray();
    }

    /// <summary>
    /// Everything the server sends until it closes, or resets the connection after its answer; <paramref name="answering"/>
    /// completes when its first bytes arrive, or when it closes without a word.
    /// </summary>
    private static async Task<byte[]> ReadAnswerAsync(NetworkStream stream, TaskCompletionSource answering)
    {
        using var read = new MemoryStream();
        var buffer = new byte[Piece];
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer)) > 0)
            {
                read.Write(buffer, 0, count);
                answering.TrySetResult();
            }
        }
        catch (IOException) when (read.Length > 0)
        {
        }
        finally
        {
            answering.TrySetResult();
        }
        return read.ToArray();
    }

    private static Answer Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..(end < 0 ? text.Length : end)].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())), StringComparer.OrdinalIgnoreCase);
        var body = end < 0 ? "" : text[(end + 4)..];
        return new Answer(status, headers, headers.GetValueOrDefault("Transfer-Encoding") == "chunked" ? Unchunk(body) : body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        for (var at = 0; ;)
        {
            var line = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..line], 16);
            if (size == 0) return result.ToString();
            result.Append(body, line + 2, size);
            at = line + 2 + size + 2;
        }
    }
}
