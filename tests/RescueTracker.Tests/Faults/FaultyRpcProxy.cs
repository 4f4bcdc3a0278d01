using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RescueTracker.Tests.Faults;

/// <summary>
/// A JSON-RPC endpoint on a free loopback port that passes requests to a real node and, where a
/// <see cref="FaultRule"/> says so, answers as a struggling provider would instead. Every request is
/// logged with what was done to it, so tests can check how the client reacted.
/// </summary>
public sealed class FaultyRpcProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _node;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly List<ProxyRecord> _log = [];

    private FaultyRpcProxy(WebApplication app, string nodeUrl)
    {
        _app = app;
        _node = new HttpClient { BaseAddress = new Uri(nodeUrl), Timeout = TimeSpan.FromSeconds(30) };
        app.MapPost("/", HandleAsync);
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<FaultyRpcProxy> StartAsync(string nodeUrl)
    {
        // No configuration sources: the test folder's appsettings must not reach this server.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var proxy = new FaultyRpcProxy(builder.Build(), nodeUrl);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Url = new Uri(address);
        return proxy;
    }

    public FaultyRpcProxy Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
        return this;
    }

    /// <summary>From now on every request reaches the node untouched.</summary>
    public void ClearRules()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ProxyRecord> Log
    {
        get
        {
            lock (_gate) return _log.ToList();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var call = RpcCall.Parse(body);

        Fault? fault;
        int index;
        lock (_gate)
        {
            fault = _rules.FirstOrDefault(r => r.Applies(call))?.Fault;
            index = _log.Count;
            _log.Add(new ProxyRecord(index + 1, call, fault?.Kind ?? ReplyKind.Forwarded, _clock.Elapsed) { FaultName = fault?.Name });
        }

        ProxyReply reply;
        try
        {
            reply = fault is null
                ? await ForwardAsync(body, context.RequestAborted)
                : await fault.Reply(call, ct => ForwardAsync(body, ct), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its own timeout): there is no one left to answer.
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        if (reply.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
        lock (_gate) _log[index] = _log[index] with { Answered = _clock.Elapsed };
    }

    private async Task<ProxyReply> ForwardAsync(byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _node.PostAsync("", content, ct);
        return new ProxyReply((int)response.StatusCode, "application/json", await response.Content.ReadAsByteArrayAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _node.Dispose();
    }
}
