using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// Pages as a browser without JavaScript shows them, in a context where axe can still run. With Playwright's
/// <c>JavaScriptEnabled = false</c> axe cannot: Chromium gives Playwright no main world, so the check hangs, and
/// turning scripting back on over CDP after the load leaves timers dead, which axe needs. So JavaScript stays on
/// for Playwright while no page script may run: every document is handed to the browser with a
/// <c>script-src 'none'</c> policy added to its own, and its &lt;noscript&gt; content unwrapped, as scripting-off
/// parsing would show it.
/// </summary>
internal static partial class AccessibilityNoScript
{
    private const string Csp = "content-security-policy";

    /// <summary>Fetches each document the page navigates to and answers it without scripts; other requests pass untouched.</summary>
    public static Task BlockPageScriptsAsync(IPage page) => page.RouteAsync("**/*", async route =>
    {
        if (route.Request.ResourceType != "document")
        {
            await route.ContinueAsync();
            return;
        }
        // Redirects go back to the browser as they are, so its URL and cookies follow the app's answers.
        var response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
        await route.FulfillAsync(WithoutScripts(response.Status, response.Headers, await response.TextAsync()));
    });

    /// <summary>The answer to hand the browser for a document with these status, headers and (decoded) body.</summary>
    public static RouteFulfillOptions WithoutScripts(int status, IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        // The body is already decoded and will be re-measured; the app's own policy stays and a stricter one joins it.
        var kept = headers
            .Where(h => !h.Key.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)
                        && !h.Key.Equals("content-length", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        kept[Csp] = kept.TryGetValue(Csp, out var own) ? own + ", script-src 'none'" : "script-src 'none'";
        return new RouteFulfillOptions { Status = status, Headers = kept, Body = NoScriptTag().Replace(body, "") };
    }

    [GeneratedRegex(@"</?noscript\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex NoScriptTag();
}
