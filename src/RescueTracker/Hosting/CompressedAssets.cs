using Microsoft.AspNetCore.StaticAssets;

namespace RescueTracker.Hosting;

/// <summary>
/// MudBlazor's package ships its own .br and .gz files. In a Release publish the SDK then gives the fingerprinted
/// URL that <c>@Assets[...]</c> links (MudBlazor.min.{fingerprint}.css, year-long immutable) no compressed variant:
/// 627 KB of CSS, or compressed again on every request by the response compression middleware (68.7 KB at its
/// level, against the shipped 42.5 KB), while the plain URL negotiates the shipped files but is sent no-cache.
/// A request for such a fingerprinted URL is answered by the plain URL's endpoints (the same bytes: the shipped
/// .br or .gz) with the fingerprinted URL's own Cache-Control. Assets the SDK compressed itself are left alone.
/// </summary>
public static class CompressedAssets
{
    /// <summary>Must run before routing: the plain URL's endpoint is chosen by its Accept-Encoding selectors.</summary>
    public static WebApplication UseCompressedFingerprintedAssets(this WebApplication app)
    {
        var routes = new Lazy<IReadOnlyDictionary<string, Target>>(() => Targets(((IEndpointRouteBuilder)app).DataSources));
        app.Use((context, next) =>
        {
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.Request.Path.Value is { } path && routes.Value.TryGetValue(path, out var target))
            {
                context.Request.Path = target.PlainPath;
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == StatusCodes.Status200OK) context.Response.Headers.CacheControl = target.CacheControl;
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        app.UseRouting();
        return app;
    }

    /// <summary>Fingerprinted route ("/_content/MudBlazor/MudBlazor.min.k4r0it8844.css") to the plain route that has compressed variants.</summary>
    internal static IReadOnlyDictionary<string, Target> Targets(IEnumerable<EndpointDataSource> sources)
    {
        var assets = sources.SelectMany(s => s.Endpoints).Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>()).OfType<StaticAssetDescriptor>().ToList();
        var compressedRoutes = assets.Where(a => a.Selectors.Any(s => s.Name == "Content-Encoding")).Select(a => a.Route).ToHashSet(StringComparer.Ordinal);
        var uncompressed = assets.GroupBy(a => a.Route, StringComparer.Ordinal).Where(g => g.All(a => a.Selectors.Count == 0));
        var targets = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var group in uncompressed)
        {
            var asset = group.First();
            var label = asset.Properties.FirstOrDefault(p => p.Name == "label")?.Value;
            var fingerprinted = asset.Properties.Any(p => p.Name == "fingerprint");
            var cacheControl = asset.ResponseHeaders.FirstOrDefault(h => h.Name == "Cache-Control")?.Value;
            if (fingerprinted && label is not null && label != asset.Route && compressedRoutes.Contains(label) && cacheControl is not null)
                targets["/" + asset.Route] = new Target("/" + label, cacheControl);
        }
        return targets;
    }

    internal sealed record Target(string PlainPath, string CacheControl);
}
