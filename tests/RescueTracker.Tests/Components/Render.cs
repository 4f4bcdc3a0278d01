using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RescueTracker.Tests.Components;

/// <summary>Static server rendering of one component, parsed for assertions.</summary>
internal static class Render
{
    public static async Task<IDocument> ComponentAsync<T>(IDictionary<string, object?> parameters, IServiceProvider? services = null)
        where T : IComponent =>
        Parse(await HtmlAsync<T>(parameters, services));

    public static async Task<string> HtmlAsync<T>(IDictionary<string, object?> parameters, IServiceProvider? services = null)
        where T : IComponent
    {
        services ??= new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    public static IDocument Parse(string html) =>
        new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");

    /// <summary>The CSP is default-src 'self': inline style, inline script and event handler attributes would all be blocked.</summary>
    public static void AssertCspSafe(IDocument document)
    {
        Assert.Empty(document.QuerySelectorAll("[style]"));
        Assert.Empty(document.QuerySelectorAll("script"));
        var handlers = document.All.SelectMany(e => e.Attributes)
            .Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Name);
        Assert.Empty(handlers);
    }

    public static string Text(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
