using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>One Chromium for the browser tests of a class; each test opens its own context.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => (_playwright, Browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
