using Microsoft.AspNetCore.Components.Forms;

namespace RescueTracker.Hosting;

/// <summary>
/// With interactive render modes configured, Blazor issues an antiforgery token on every page it renders. On a
/// public page that token is a Set-Cookie and no-store headers: the output cache refuses the answer and every
/// viewer gets a fresh render. Public pages have no form that posts, so they get no token; the admin area
/// (its static sign-in form and its circuit) keeps the framework's own provider unchanged.
/// </summary>
public static class PublicPageAntiforgery
{
    public static IServiceCollection AddPublicPageAntiforgery(this IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(AntiforgeryStateProvider));
        services.Remove(framework);
        services.AddHttpContextAccessor();
        services.AddScoped(sp => IsPublicPage(sp.GetRequiredService<IHttpContextAccessor>().HttpContext)
            ? NoToken.Instance
            : (AntiforgeryStateProvider)(framework.ImplementationType is { } type
                ? ActivatorUtilities.CreateInstance(sp, type)
                : framework.ImplementationFactory!(sp)));
        return services;
    }

    // A circuit's scope sees the /_blazor connection (or no request at all): it keeps the framework's provider.
    private static bool IsPublicPage(HttpContext? context) =>
        context is not null && !context.Request.Path.StartsWithSegments("/admin") && !context.Request.Path.StartsWithSegments("/_blazor");

    private sealed class NoToken : AntiforgeryStateProvider
    {
        public static readonly NoToken Instance = new();

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
