using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright's own browser download cannot run here, so the
/// system browser is required: a missing one fails the test with the command that installs it.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps dialling out through a closed network.
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing. Install Debian's Chromium: sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core (.ci/run does this).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath, Headless = true, Args = Args,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
