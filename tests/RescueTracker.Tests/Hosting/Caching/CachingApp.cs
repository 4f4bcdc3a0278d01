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
            var store = services.Single(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(store);
            services.AddSingleton<IOutputCacheStore>(sp => new RecordingStore((IOutputCacheStore)store.ImplementationFactory!(sp), Stored));
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

    public sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecuting(command, eventData, result);
        }
    }

    private sealed class RecordingStore(IOutputCacheStore inner, List<(string, string[], TimeSpan)> stored) : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            lock (stored) stored.Add((key, tags ?? [], validFor));
            return inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }
}
