using AngleSharp.Dom;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>Reading rendered markup the way a person reads it: text with its whitespace collapsed.</summary>
public static class Html
{
    public static string Text(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The CSP runs no inline script (styles may be inline: MudBlazor writes them): no script element, no event
    /// handler attribute and no javascript: link may reach a public page.
    /// </summary>
    public static void AssertNoScript(IEnumerable<IElement> roots)
    {
        var all = roots.SelectMany(r => r.QuerySelectorAll("*").Prepend(r)).ToList();
        Assert.DoesNotContain(all, e => e.LocalName == "script");
        Assert.Empty(all.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name));
        Assert.DoesNotContain(all, e => e.GetAttribute("href")?.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true);
    }
}
