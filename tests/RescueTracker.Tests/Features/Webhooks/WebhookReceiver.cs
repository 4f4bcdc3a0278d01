using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>One POST as the receiver got it: the raw body, the headers, and the status it answered.</summary>
public sealed record ReceivedHook(byte[] Body, IReadOnlyDictionary<string, string> Headers, int Answered)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No header {name}.");
}

/// <summary>
/// A real HTTP receiver: Kestrel on a free loopback port, recording every POST to /hooks and answering with
/// <see cref="Answer"/> (200 unless a test says otherwise). <see cref="StopAsync"/> closes the port, so connections
/// are refused; <see cref="StartAgainAsync"/> listens on the same port again.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedHook> _received = new();
    private WebApplication? _app;

    private WebhookReceiver()
    {
    }

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>The status for the next request; may add headers (Retry-After) to the response.</summary>
    public Func<HttpResponse, int> Answer { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>Every request so far, in arrival order, whatever was answered.</summary>
    public IReadOnlyList<ReceivedHook> Received => _received.ToList();

    /// <summary>The requests answered with a 2xx.</summary>
    public IReadOnlyList<ReceivedHook> Accepted => _received.Where(r => r.Answered is >= 200 and < 300).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.ListenAsync(0);
        return receiver;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public Task StartAgainAsync() => ListenAsync(Port);

    /// <summary>Waits until a request satisfies <paramref name="match"/>; fails after <paramref name="within"/>.</summary>
    public async Task<ReceivedHook> WaitForAsync(Func<ReceivedHook, bool> match, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } hook) return hook;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No matching request arrived; {_received.Count} did: {string.Join(" | ", _received.Select(r => $"{r.Answered} {r.Text}"))}");
    }

    private async Task ListenAsync(int port)
    {
        // No configuration sources: the test folder's appsettings must not reach this server.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var status = Answer(context.Response);
            _received.Enqueue(new ReceivedHook(buffer.ToArray(),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
