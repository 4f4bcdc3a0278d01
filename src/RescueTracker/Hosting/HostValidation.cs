using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;

namespace RescueTracker.Hosting;

/// <summary>
/// <c>AllowedHosts</c> (semicolon-separated; <c>*.example.org</c> for subdomains, <c>*</c> for any): the host names this app
/// answers for. Checked on the host a request is served as, after a trusted proxy's <c>X-Forwarded-Host</c> replaced the
/// Host header, so a link or redirect the app builds (the sign-in redirect is absolute) never names another site. A Host
/// that cannot be read as a URI authority (empty, <c>a..b</c>, port 99999) would fail every page that builds one; it is
/// refused here instead: 400, one warning line, before anything else runs.
/// </summary>
public static class HostValidation
{
    public const string Setting = "AllowedHosts";

    public static IServiceCollection AddHostValidation(this IServiceCollection services) =>
        // The framework's host filter runs before the forwarded headers are applied and would check the proxy's Host,
        // not the client's: this check replaces it, on the same setting.
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);

    public static IApplicationBuilder UseHostValidation(this IApplicationBuilder app)
    {
        var configured = (app.ApplicationServices.GetRequiredService<IConfiguration>()[Setting] ?? "*")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var allowed = configured.Select(h => new StringSegment(h)).ToList();
        var any = allowed.Count == 0 || configured.Contains("*");
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostValidation).FullName!);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            var problem = Problem(request.Host, request.Headers["X-Forwarded-Host"]);
            if (problem is null && !any && !HostString.MatchesAny(request.Host.Host, allowed)) problem = "is not one this app serves";
            if (problem is null)
            {
                await next(context);
                return;
            }
            logger.LogWarning("Refused {Method} {Path}: the host '{Host}' {Problem}", request.Method, request.Path, request.Host.Value, problem);
            await RefusedRequests.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad host",
                $"The host this request names {problem}; nothing was done.");
        });
    }

    /// <returns>Why the host cannot be served, or null.</returns>
    private static string? Problem(HostString host, StringValues forwardedLeft)
    {
        if (!IsAuthority(host.Value)) return "cannot be read as a host name and port";
        // A forwarded host the forwarded-headers step did not apply (it checks characters only) is still the client's claim.
        foreach (var forwarded in forwardedLeft.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)))
            if (!IsAuthority(forwarded)) return "cannot be read as a host name and port";
        return null;
    }

    private static bool IsAuthority(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        var host = HostString.FromUriComponent(value);
        if (Uri.CheckHostName(host.Host) is UriHostNameType.Unknown or UriHostNameType.Basic) return false;
        var hasPort = value.EndsWith(']') ? false : value.LastIndexOf(':') > value.LastIndexOf(']');
        if (hasPort && host.Port is not (> 0 and <= 65535)) return false;
        return Uri.TryCreate($"http://{value}/", UriKind.Absolute, out _);
    }
}
