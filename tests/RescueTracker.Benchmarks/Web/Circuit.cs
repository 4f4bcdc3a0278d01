using Microsoft.Playwright;

namespace RescueTracker.Benchmarks.Web;

/// <summary>
/// One admin page in its own tab, open until closed: its Blazor circuit is connected once a render batch (binary
/// blazorpack; the SignalR handshake answer is text) has come over the page's /_blazor WebSocket.
/// </summary>
internal sealed class Circuit
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private readonly IPage _page;
    private IWebSocket? _socket;
    private volatile bool _closed;

    private Circuit(IPage page) => _page = page;

    public bool IsOpen => _socket is not null && !_closed;

    public static async Task<Circuit> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        var circuit = new Circuit(page);
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            if (!new Uri(socket.Url).AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal)) return;
            circuit._socket = socket;
            socket.Close += (_, _) => circuit._closed = true;
            socket.FrameReceived += (_, frame) =>
            {
                if (frame.Binary is { Length: > 0 }) rendered.TrySetResult();
            };
        };
        var response = await page.GotoAsync(path);
        if (response?.Status != 200) throw new InvalidOperationException($"GET {path} answered {response?.Status}");
        try
        {
            await rendered.Task.WaitAsync(ConnectTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{path} opened no circuit within {ConnectTimeout} (is the page interactive?)");
        }
        return circuit;
    }

    /// <summary>Leaves the page first, so blazor.web.js tells the server the circuit is gone instead of it being kept for a reconnect.</summary>
    public async Task CloseAsync()
    {
        await _page.GotoAsync("about:blank");
        await _page.CloseAsync();
    }
}
