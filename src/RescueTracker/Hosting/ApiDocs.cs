using RescueTracker.Hosting.Caching;
using Scalar.AspNetCore;

namespace RescueTracker.Hosting;

/// <summary>
/// The readable API page (the header's "API" link) over the OpenAPI document, which stays at /openapi/v1.json.
/// Scalar's own page starts its bundle with an inline module script, which our <c>script-src 'self'</c> blocks
/// (Chromium: "Executing inline script violates ... script-src 'self'"), leaving the page blank. So this page
/// loads the same bundle from the package's files and starts it from a script file of ours: the CSP stays as it is.
/// </summary>
public static class ApiDocs
{
    public const string Page = "/api-docs";
    public const string Document = "/openapi/v1.json";

    /// <summary>Where the package serves its files (scalar.js); its own page there is sent on to <see cref="Page"/>.</summary>
    public const string AssetPrefix = "/api-docs/scalar";

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>API · RescueTracker</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        </head>
        <body>
            <header style="font-family: system-ui, sans-serif; padding: 0.5rem 1rem; background: #0f172a; color: #fff;">
                <a href="/" style="color: #fff; font-weight: 700;">RescueTracker</a>
                · public read-only API · <a href="/openapi/v1.json" style="color: #bfdbfe;">OpenAPI document (JSON)</a>
            </header>
            <noscript><p style="font-family: system-ui, sans-serif; padding: 1rem;">This page needs JavaScript to draw the reference;
                the same description is in <a href="/openapi/v1.json">the OpenAPI document</a>.</p></noscript>
            <div id="app"></div>
            <script src="/api-docs/scalar/scalar.js"></script>
            <script src="/js/api-docs.js"></script>
        </body>
        </html>
        """;

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Page, () => TypedResults.Content(Html, "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .CacheOutput(new PublicCacheAttribute());
        endpoints.MapScalarApiReference(AssetPrefix, options => options.WithTitle("RescueTracker API").DisableDefaultFonts().DisableTelemetry())
            .Add(endpoint =>
            {
                // The package's page with the inline script: blank under the CSP, so it points to ours instead.
                if (endpoint is RouteEndpointBuilder route && route.RoutePattern.Parameters.Any(p => p.Name == "documentName"))
                    route.RequestDelegate = context =>
                    {
                        context.Response.Redirect(Page);
                        return Task.CompletedTask;
                    };
            });
        return endpoints;
    }
}
