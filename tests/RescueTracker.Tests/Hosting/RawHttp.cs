using System.Net.Sockets;
using System.Text;

namespace RescueTracker.Tests.Hosting;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a socket, for what HttpClient refuses to send
/// (an empty or malformed Host header); the connection closes after the answer.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name);
    }

    /// <param name="host">The Host header's value as sent; null sends no Host header at all.</param>
    public static async Task<Answer> SendAsync(Uri server, string method, string path, string? host,
        IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder($"{method} {path} HTTP/1.1\r\n");
        if (host is not null) request.Append($"Host: {host}\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Append($"{name}: {value}\r\n");
        var content = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null) request.Append($"Content-Length: {content.Length}\r\n");
        request.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        await stream.WriteAsync(content);
        using var reader = new MemoryStream();
        await stream.CopyToAsync(reader);
        return Parse(Encoding.UTF8.GetString(reader.ToArray()));
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
