using System.Data.Common;
using System.IO.Compression;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting.Caching;

/// <summary>
/// The real app on the shipped seed, counting every SQL command it runs and recording what it
/// stores in the output cache, so a test can tell a cache hit (no query) from a render.
/// </summary>
public class CachingApp : RescueAppFactory
{
    public CommandCounter Commands { get; } = new();
    public List<(string Key, string[] Tags, TimeSpan ValidFor)> Stored { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<RescueDbContext>(options => options.AddInterceptors(Commands), ServiceLifetime.Singleton);
            RecordingOutputCacheStore.Install(services, Stored);
        });
    }

    /// <summary>What every admin write and ingested range does: refresh the figures, which empties the public cache.</summary>
    public async Task RefreshFiguresAsync() => await Services.GetRequiredService<FiguresService>().RefreshAsync();

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
    public static string Page(byte[] html) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(html), "<!--Blazor-Server-Component-State:[^>]*-->", "");
}
