using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>One page in its own browser context, recording what the browser says about the CSP.</summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Mobile = new() { Width = 360, Height = 740 };

    private readonly IBrowserContext _context;
    private readonly List<string> _cspViolations = [];

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        // Chromium reports every blocked inline script, style attribute or foreign load on the console.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (_cspViolations) _cspViolations.Add(message.Text);
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> CspViolations { get { lock (_cspViolations) return [.. _cspViolations]; } }

    public static async Task<BrowserPage> OpenAsync(IBrowser browser, Uri baseAddress, ViewportSize viewport, bool javaScript)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), ViewportSize = viewport, JavaScriptEnabled = javaScript,
        });
        return new BrowserPage(context, await context.NewPageAsync());
    }

    /// <summary>Opens a path and fails unless it answered <paramref name="expectedStatus"/>.</summary>
    public async Task GoToAsync(string path, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response?.Status == expectedStatus, $"GET {path} answered {response?.Status}");
    }

    /// <summary>A full-page PNG, by default in the repository's artifacts/screenshots/ folder; the path is returned.</summary>
    public async Task<string> ScreenshotAsync(string name, string? folder = null)
    {
        folder ??= EndToEnd.RepoPaths.Combine("artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.Delete(path);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
