using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain.Tests;

/// <summary>
/// Which traces moved value, decided on what Anvil 1.7.1 sent for real Safe 1.4.1, MultiSend and
/// SELFDESTRUCT transactions (Data/anvil-*.json): the trace_filter reply by recipient and the
/// trace_transaction reply, read through the client as the reconciler reads them.
/// </summary>
public sealed class TraceFramesTests : IDisposable
{
    private static readonly EthAddress Recovery = EthAddress.Parse("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("anvil-safe-call-execution-failure", "0.0.0", "3000000000000000000")]
    [InlineData("anvil-multisend-execution-failure", "0.0.0", "1000000000000000000")]
    [InlineData("anvil-multisend-reverted-transaction", "0.0.0", "1000000000000000000")]
    [InlineData("anvil-relay-reverted-transaction", "0", "2000000000000000000")]
    [InlineData("anvil-selfdestruct-reverted-transaction", "0.0", "6000000000000000000")]
    public async Task A_send_inside_a_reverted_frame_has_no_error_of_its_own_and_does_not_count(string recording, string position, string wei)
    {
        var (candidate, traces) = await ReadAsync(recording);

        Assert.Equal((position, BigInteger.Parse(wei), true), (string.Join('.', candidate.TraceAddress), candidate.Action.Value, candidate.MovesValue));
        Assert.Null(candidate.Error);
        Assert.False(TraceFrames.AllSucceeded(traces, candidate));
    }

    [Theory]
    [InlineData("anvil-safe-payment", "call", "0.0", "0x29cad45c49e4bacb6262c58717ebbe6c49172b07", "3000000000000000000")]
    [InlineData("anvil-selfdestruct", "suicide", "0", "0x610178da211fef7d417bc0e6fed39f05609ad788", "4000000000000000000")]
    public async Task A_trace_whose_every_enclosing_frame_succeeded_counts(string recording, string type, string position, string from, string wei)
    {
        var (candidate, traces) = await ReadAsync(recording);

        Assert.Equal((type, position, EthAddress.Parse(from), Recovery, BigInteger.Parse(wei)),
            (candidate.Type, string.Join('.', candidate.TraceAddress), candidate.Action.From!.Value, candidate.Action.To!.Value, candidate.Action.Value));
        Assert.True(candidate.MovesValue);
        Assert.True(TraceFrames.AllSucceeded(traces, candidate));
    }

    [Fact]
    public async Task The_Safe_execution_failure_is_seen_only_in_the_frame_of_the_call_the_Safe_made()
    {
        var (_, traces) = await ReadAsync("anvil-safe-call-execution-failure");

        Assert.Equal(
            [("", "call", null), ("0", "delegatecall", null), ("0.0", "call", "Reverted"), ("0.0.0", "call", null)],
            traces.Select(t => (string.Join('.', t.TraceAddress), t.Action.CallType, t.Error)));
    }

    [Fact]
    public async Task A_reverted_root_call_undoes_every_trace_of_the_transaction()
    {
        var (candidate, traces) = await ReadAsync("anvil-relay-reverted-transaction");
        var root = Assert.Single(traces, t => t.IsTopLevel);

        Assert.Equal("Reverted", root.Error);
        Assert.False(TraceFrames.AllSucceeded(traces, candidate));
        Assert.False(TraceFrames.AllSucceeded(traces, root));
    }

    [Fact]
    public async Task A_missing_enclosing_frame_is_a_malformed_reply_not_a_guess()
    {
        var (candidate, traces) = await ReadAsync("anvil-safe-payment");
        var withoutDelegatecall = traces.Where(t => t.TraceAddress.Count != 1).ToList();

        var e = Assert.Throws<RpcMalformedResponseException>(() => TraceFrames.AllSucceeded(withoutDelegatecall, candidate));
        Assert.Equal("no trace at [0] for the one at [0,0]", e.Problem);
        Assert.Throws<RpcMalformedResponseException>(() => TraceFrames.AllSucceeded([], candidate));
    }

    [Fact]
    public async Task Frames_of_another_transaction_never_stand_in_for_the_candidates_own()
    {
        var (candidate, paymentTraces) = await ReadAsync("anvil-safe-payment");
        var (_, failedTraces) = await ReadAsync("anvil-safe-call-execution-failure");
        // The failed execution has an errored frame at [0,0], the same address as the payment's own send.
        var mixed = failedTraces.Concat(paymentTraces).ToList();

        Assert.True(TraceFrames.AllSucceeded(mixed, candidate));
        Assert.Throws<RpcMalformedResponseException>(() => TraceFrames.AllSucceeded(failedTraces, candidate));
    }

    [Fact]
    public async Task Trace_transaction_is_requested_by_hash_and_an_unknown_transaction_reads_as_no_traces()
    {
        _server.ReplyResult("null");
        _server.ReplyResult("[]");
        var hash = TxHash.Parse("0x0fbc457b9d45ff9208a17c603292379a498a3448df7c7aca5cd04e1ababda900");

        Assert.Empty(await TracesAsync("trace_transaction", hash.ToString()));
        Assert.Empty(await TracesAsync("trace_transaction", hash.ToString()));
        Assert.Contains("\"method\":\"trace_transaction\",\"params\":[\"0x0fbc457b9d45ff9208a17c603292379a498a3448df7c7aca5cd04e1ababda900\"]", _server.Requests[0]);
    }

    /// <summary>A trace request through Nethereum's client, read as the reconciler reads it.</summary>
    private async Task<IReadOnlyList<RpcTrace>> TracesAsync(string method, object parameter) =>
        RpcTrace.ListFromJson(method, await _server.Nethereum().SendRequestAsync<Newtonsoft.Json.Linq.JToken>(
            new Nethereum.JsonRpc.Client.RpcRequest(1, method, parameter)));

    /// <summary>The single trace trace_filter gave for the recovery address, and every trace of its transaction.</summary>
    private async Task<(RpcTrace Candidate, IReadOnlyList<RpcTrace> Traces)> ReadAsync(string recording)
    {
        using var json = JsonDocument.Parse(TestData.Read(recording + ".json"));
        var root = json.RootElement;
        _server.ReplyResult(root.GetProperty("traceFilter").GetRawText());
        _server.ReplyResult(root.GetProperty("traceTransaction").GetRawText());
        var hash = TxHash.Parse(root.GetProperty("transactionHash").GetString()!);

        var filtered = await TracesAsync("trace_filter", new { fromBlock = "0x1", toBlock = "0x64", toAddress = new[] { Recovery.ToLowerHex() } });
        var traces = await TracesAsync("trace_transaction", hash.ToString());

        var candidate = Assert.Single(filtered);
        Assert.Equal(hash, candidate.TransactionHash);
        Assert.All(traces, t => Assert.Equal((hash, candidate.BlockHash), (t.TransactionHash!.Value, t.BlockHash)));
        return (candidate, traces);
    }
}
