using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using RescueTracker.Features.Figures;

namespace RescueTracker.Hosting.Caching;

public static class PublicCachingExtensions
{
    /// <summary>The output cache for public pages and answers, evicted by every refresh of the figures, and br/gzip compression.</summary>
    public static IServiceCollection AddPublicCaching(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddSingleton<PublicCache>();
        services.AddSingleton<IFiguresObserver>(sp => sp.GetRequiredService<PublicCache>());
        services.AddResponseCompression(options =>
        {
            // Behind a TLS-terminating proxy every request is https; admin pages are left out below.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "image/svg+xml", "application/atom+xml", "application/problem+json"];
        });
        // A public answer is compressed once per change and then served from the cache: worth more than the fastest level.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>
    /// After authentication (a signed-in user bypasses the cache), in this order: the output cache, the
    /// ETag of the stored bytes, then compression, so an entry holds compressed bytes and a hit skips
    /// both rendering and compressing.
    /// </summary>
    public static IApplicationBuilder UsePublicCaching(this IApplicationBuilder app)
    {
        app.UseOutputCache();
        app.UseBodyETags();
        // Admin pages put antiforgery tokens beside what the user typed: compressed over TLS, that invites BREACH.
        app.UseWhen(context => !IsAdmin(context.Request.Path), branch => branch.UseResponseCompression());
        return app;
    }

    private static bool IsAdmin(PathString path) => path.StartsWithSegments("/admin") || path.StartsWithSegments("/api/admin");
}
