using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>Requests and answers as a test reads them: JSON from a <see cref="TestApp"/>, a body decoded as sent, a page without its circuit state.</summary>
public static class HttpAnswers
{
    /// <summary>A GET that must succeed, its body parsed as JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(this TestApp app, string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> PledgeJsonAsync(this TestApp app, string pledger) =>
        await app.GetJsonAsync($"/api/pledges/{await app.PledgeIdAsync(pledger)}");

    /// <summary>One chain's row of GET /api/status.</summary>
    public static async Task<JsonElement> StatusJsonAsync(this TestApp app, long chainId) =>
        (await app.GetJsonAsync("/api/status")).EnumerateArray().Single(c => c.GetProperty("chainId").GetInt64() == chainId);

    public static async Task<string> GetHtmlAsync(this TestApp app, string path)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(path);
    }

    /// <summary>A GET with the given Accept-Encoding and If-None-Match, its body buffered.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The body as sent, decoded by the Content-Encoding the answer names.</summary>
    public static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        var sent = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        if (encoding is null) return sent;
        await using Stream decoder = encoding switch
        {
            "br" => new BrotliStream(new MemoryStream(sent), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(sent), CompressionMode.Decompress),
            _ => throw new InvalidOperationException($"Unexpected Content-Encoding {encoding}"),
        };
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        return decoded.ToArray();
    }

    /// <summary>
    /// A rendered page without the framework's circuit start-up state: a data-protected comment that differs on
    /// every render (the app has an interactive admin area), so two renders of one page differ only there.
    /// </summary>
    public static string Page(byte[] html) => Regex.Replace(Encoding.UTF8.GetString(html), "<!--Blazor-Server-Component-State:[^>]*-->", "");
}
