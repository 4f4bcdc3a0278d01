namespace RescueTracker.Hosting;

/// <summary>
/// Headers on every response. The CSP allows only this origin's own files: no inline script, no eval,
/// no framing, no plugins. Styles may be inline: MudBlazor writes its theme as a style element and
/// sizes components with style attributes. One page is made to be framed by other sites, /embed: its
/// policy says frame-ancestors * (any http or https page) instead, and it is sent no X-Frame-Options.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ";

    public const string ContentSecurityPolicy = Policy + "'none'";

    public const string EmbeddableContentSecurityPolicy = Policy + "*";

    public const string EmbedPath = "/embed";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var embeddable = IsEmbed(context.Request.Path);
            headers.ContentSecurityPolicy = embeddable ? EmbeddableContentSecurityPolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (!embeddable) headers.XFrameOptions = "DENY";
            return next(context);
        });

    /// <summary>/embed as the router matches it (any case, an optional trailing slash); nothing below it.</summary>
    private static bool IsEmbed(PathString path) =>
        path.StartsWithSegments(EmbedPath, StringComparison.OrdinalIgnoreCase, out var rest) && (!rest.HasValue || rest.Value == "/");
}
