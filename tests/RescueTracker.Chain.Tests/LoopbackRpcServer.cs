using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace RescueTracker.Chain.Tests;

/// <summary>
/// A real HTTP server on a free loopback port that answers each request with the next queued
/// reply, the way a node or a provider would, and keeps the request bodies for assertions.
/// Replies that are JSON-RPC objects get the request's id, as a node echoes it.
/// </summary>
public sealed class LoopbackRpcServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<QueuedReply> _replies = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackRpcServer()
    {
        // Retry in the unlikely case another process takes the port between probe and bind.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Url.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<string> Requests => [.. _requests];

    public void Reply(string body, int status = 200, TimeSpan delay = default, bool echoId = true, params (string Name, string Value)[] headers) =>
        _replies.Enqueue(new QueuedReply(body, status, delay, echoId, headers));

    public void ReplyResult(string resultJson) => Reply($$"""{"jsonrpc":"2.0","id":1,"result":{{resultJson}}}""");

    public void ReplyError(long code, string message, string? dataJson = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (dataJson is not null) error["data"] = JsonNode.Parse(dataJson);
        Reply(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["error"] = error }.ToJsonString());
    }

    /// <summary>The hot-path eth_getLogs reader, on a client of its own.</summary>
    public LogStreamReader Client(TimeSpan? timeout = null) =>
        new(new HttpClient { BaseAddress = Url, Timeout = timeout ?? TimeSpan.FromSeconds(10) });

    /// <summary>Nethereum's JSON-RPC client, as the reconciler makes every other call with it.</summary>
    public Nethereum.JsonRpc.Client.RpcClient Nethereum(TimeSpan? timeout = null) =>
        new(Url, new HttpClient { BaseAddress = Url, Timeout = timeout ?? TimeSpan.FromSeconds(10) });

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = await reader.ReadToEndAsync();
        _requests.Enqueue(request);

        var reply = _replies.TryDequeue(out var next)
            ? next
            : new QueuedReply("""{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"test server has no reply queued"}}""", 200, default, true, []);
        try
        {
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
            var body = Encoding.UTF8.GetBytes(reply.EchoId ? WithRequestId(reply.Body, request) : reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.Body.StartsWith('<') ? "text/html" : "application/json";
            foreach (var (name, value) in reply.Headers) context.Response.Headers[name] = value;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested || reply.Delay > TimeSpan.Zero)
        {
            // The client gave up (timeout test) or the server is stopping.
        }
    }

    private static string WithRequestId(string body, string request)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject reply || JsonNode.Parse(request) is not JsonObject sent) return body;
            reply["id"] = sent["id"]?.DeepClone();
            return reply.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }

    private sealed record QueuedReply(string Body, int Status, TimeSpan Delay, bool EchoId, (string Name, string Value)[] Headers);
}

internal static class LogStreamReaderExtensions
{
    /// <summary>Every transfer of one eth_getLogs reply, once the whole reply has been read.</summary>
    public static async Task<IReadOnlyList<Erc20Transfer>> GetLogsAsync(this LogStreamReader reader, LogFilter filter, CancellationToken ct)
    {
        var transfers = new List<Erc20Transfer>();
        await foreach (var batch in reader.ReadTransfersAsync(filter, ct)) transfers.AddRange(batch);
        return transfers;
    }
}
