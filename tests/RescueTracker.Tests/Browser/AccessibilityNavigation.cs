using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// Opens a page and waits until what a user sees is final: for an interactive page, until its Blazor circuit
/// is connected and has rendered (a render batch came over the /_blazor WebSocket and the socket then went
/// quiet); for every page, until the network is idle and the expected h1 is shown.
/// </summary>
internal static class AccessibilityNavigation
{
    private static readonly TimeSpan CircuitTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    /// <summary>Opens <paramref name="target"/>; <paramref name="scriptsRun"/> false when page scripts are blocked, so no circuit can start.</summary>
    public static async Task OpenAsync(IPage page, AccessibilityTarget target, bool scriptsRun)
    {
        var circuit = new CircuitWatch();
        page.WebSocket += circuit.OnWebSocket;
        try
        {
            var response = await page.GotoAsync(target.Path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response?.Status == target.Status, $"GET {target.Path} answered {response?.Status}, not {target.Status}");

            if (scriptsRun && await page.Locator("script[src*='_framework/blazor.web']").CountAsync() > 0)
                await circuit.WaitUntilRenderedAsync(target.Path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var heading = page.Locator("h1", new PageLocatorOptions { HasTextRegex = new Regex(Regex.Escape(target.Heading), RegexOptions.IgnoreCase) });
            try
            {
                await heading.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
                var shown = string.Join(" | ", await page.Locator("h1").AllInnerTextsAsync());
                Assert.Fail($"{target.Path}: no h1 holding \"{target.Heading}\"; the page's h1: {shown}");
            }
        }
        finally
        {
            page.WebSocket -= circuit.OnWebSocket;
        }
    }

    private sealed class CircuitWatch
    {
        private readonly TaskCompletionSource _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Stopwatch _sinceLastFrame = Stopwatch.StartNew();

        public void OnWebSocket(object? sender, IWebSocket socket)
        {
            if (!new Uri(socket.Url).AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal)) return;
            socket.FrameReceived += (_, frame) =>
            {
                lock (_sinceLastFrame) _sinceLastFrame.Restart();
                // The SignalR handshake answer is text; render batches come in the binary blazorpack protocol.
                if (frame.Binary is { Length: > 0 }) _rendered.TrySetResult();
            };
        }

        public async Task WaitUntilRenderedAsync(string path)
        {
            try
            {
                await _rendered.Task.WaitAsync(CircuitTimeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{path} loads blazor.web.js but no render batch came over a /_blazor WebSocket within {CircuitTimeout}");
            }
            while (true)
            {
                TimeSpan since;
                lock (_sinceLastFrame) since = _sinceLastFrame.Elapsed;
                if (since >= Quiet) return;
                await Task.Delay(Quiet - since);
            }
        }
    }
}
