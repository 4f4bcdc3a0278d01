using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace RescueTracker.Hosting.Caching;

/// <summary>
/// A public page or API answer that is the same for every anonymous visitor: kept in the output cache
/// until the figures next change, one entry per path, listed query key values and Accept-Encoding (the
/// bytes kept are the compressed ones), and sent with a short public Cache-Control. Signed-in users and
/// API keys bypass the cache and get no-store. Query keys not listed do not reach the key, so made-up
/// parameters cannot fill the cache or force a render.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicCacheAttribute(params string[] queryKeys) : Attribute, IOutputCachePolicy
{
    /// <summary>Browsers and proxies may keep a copy 5 s and show it 25 s more while asking again (a 304 when unchanged).</summary>
    public const string SharedCacheControl = "public, max-age=5, stale-while-revalidate=25";

    public const string PrivateCacheControl = "private, no-store";

    /// <summary>A backstop only: every change of the figures evicts sooner.</summary>
    public static readonly TimeSpan UntilChange = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an answer showing the reconciler's progress is kept: head, last poll and errors move
    /// on every poll without a refresh of the figures, and are not evicted.
    /// </summary>
    public static readonly TimeSpan ChainProgressLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The query keys whose values pick the entry; any other parameter is ignored by the page and the key alike.</summary>
    public IReadOnlyList<string> QueryKeys => queryKeys;

    /// <summary>The answer shows chain progress (head, checked-up-to block, last error) as well as the ledger.</summary>
    public bool ShowsChainProgress { get; set; }

    /// <summary>
    /// The answer follows the clock as well as the ledger (a vote deadline passing changes it, and no write marks that):
    /// kept as briefly as chain progress.
    /// </summary>
    public bool FollowsClock { get; set; }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var shared = IsShared(http);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = shared;
        context.AllowCacheStorage = shared;
        // Concurrent misses for one key wait for a single render instead of rendering a thousand times.
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = new StringValues(queryKeys);
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        context.CacheVaryByRules.VaryByValues["generation"] = http.RequestServices.GetRequiredService<PublicCache>().Generation;
        context.Tags.Add(PublicCache.Tag);
        context.ResponseExpirationTimeSpan = ShowsChainProgress || FollowsClock ? ChainProgressLifetime : UntilChange;
        http.Response.Headers.CacheControl = shared ? SharedCacheControl : PrivateCacheControl;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        // Errors and refusals are not kept; a response that sets a cookie belongs to one visitor.
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>Anonymous GET or HEAD: whoever is signed in (cookie or API key) is served fresh and privately.</summary>
    private static bool IsShared(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && StringValues.IsNullOrEmpty(http.Request.Headers.Authorization)
        && http.User.Identity?.IsAuthenticated != true;
}
