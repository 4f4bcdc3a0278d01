using System.Net;
using System.Text;

namespace RescueTracker.Chain.Tests.LogStream;

/// <summary>Replies no node should send: each is refused with a clear error, never read as a row.</summary>
public sealed class LogStreamMalformedTests
{
    private const string Transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private const string From = "0x0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private const string To = "0x00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8";
    private const string Hash = "0x1225049616c8dd5f88b6f68020a1572bba3e3e72f872d5e838a47919b98339bd";
    private const string Amount = "0x0000000000000000000000000000000000000000000000000de0b6b3a7640000";

    private static string Log(string? replace = null, string? with = null, string logIndex = "\"0x1\"")
    {
        var log = $$"""
            {"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["{{Transfer}}","{{From}}","{{To}}"],"data":"{{Amount}}",
             "blockNumber":"0x2","transactionHash":"{{Hash}}","transactionIndex":"0x0","blockHash":"{{Hash}}","logIndex":{{logIndex}},"removed":false}
            """;
        return replace is null ? log : log.Replace(replace, with, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_well_formed_log_reads_as_one_transfer_with_every_field()
    {
        var transfer = Assert.Single(await LogStreams.ReadAsync(LogStreams.Reply(Log())));
        Assert.Equal(EthAddress.Parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"), transfer.Token);
        Assert.Equal(EthAddress.Parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"), transfer.From);
        Assert.Equal(EthAddress.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), transfer.To);
        Assert.Equal(System.Numerics.BigInteger.Pow(10, 18), transfer.Amount);
        Assert.Equal(2, transfer.BlockNumber);
        Assert.Equal(Hash32.Parse(Hash), transfer.BlockHash);
        Assert.Equal(TxHash.Parse(Hash), transfer.TransactionHash);
        Assert.Equal(1, transfer.LogIndex);
        Assert.False(transfer.Removed);
    }

    [Fact]
    public async Task Every_cut_of_a_reply_is_refused_as_malformed()
    {
        var reply = Encoding.UTF8.GetBytes(LogStreams.Reply(Log(), Log(logIndex: "\"0x2\""), Log(logIndex: "\"0x3\"")));
        Assert.Equal(3, (await LogStreams.ReadAsync(reply, chunk: 3, initialBuffer: 16)).Count);
        for (var length = 0; length < reply.Length; length++)
        {
            // Trailing whitespace is still valid JSON; any other cut is not.
            if (reply[length..].AsSpan().IndexOfAnyExcept(" \n"u8) < 0) continue;
            var cut = reply[..length];
            var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => LogStreams.ReadAsync(cut, chunk: 13, initialBuffer: 16));
            Assert.Equal("eth_getLogs", error.Method);
        }
    }

    [Theory]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":{}", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":\"2\"", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":\"0x\"", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":\"0X2\"", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":\"-0x2\"", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":-2", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":2.5", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":1e400", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":\"0x8000000000000000\"", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":\"0x10000000000000000000000000000000000000000000000000000000000000000\"", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\"", "\"blockNumber\":null", "blockNumber")]
    [InlineData("\"blockNumber\":\"0x2\",", "", "blockNumber")]
    [InlineData("\"logIndex\":\"0x1\"", "\"logIndex\":\"0x80000000\"", "logIndex")]
    [InlineData("\"logIndex\":\"0x1\"", "\"logIndex\":true", "logIndex")]
    [InlineData("\"transactionIndex\":\"0x0\"", "\"transactionIndex\":\"0xzz\"", "transactionIndex")]
    [InlineData("\"removed\":false", "\"removed\":\"false\"", "removed")]
    [InlineData("\"removed\":false", "\"removed\":0", "removed")]
    [InlineData("\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"", "\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180a\"", "address")]
    [InlineData("\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"", "\"address\":\"5fbdb2315678afecb367f032d93f642f64180aa3ff\"", "address")]
    [InlineData("\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"", "\"address\":1", "address")]
    [InlineData("\"data\":\"" + Amount + "\"", "\"data\":\"0x0de0b6b3a764000\"", "data")]
    [InlineData("\"data\":\"" + Amount + "\"", "\"data\":\"0x000000000000000000000000000000000000000000000000de0b6b3a76400g\"", "data")]
    [InlineData("\"data\":\"" + Amount + "\"", "\"data\":[]", "data")]
    [InlineData("\"topics\":[", "\"topics\":\"" + Transfer + "\",\"x\":[", "topics")]
    [InlineData("\"" + From + "\"", "null", "topics")]
    [InlineData("\"" + From + "\"", "\"0x00\"", "topics")]
    [InlineData("\"blockHash\":\"" + Hash + "\"", "\"blockHash\":\"" + Hash + "00\"", "blockHash")]
    [InlineData("\"transactionHash\":\"" + Hash + "\"", "\"transactionHash\":\"" + Hash + "\",\"transactionHash\":\"" + Hash + "\"", "transactionHash")]
    public async Task A_field_of_the_wrong_shape_is_refused_and_named(string field, string replacement, string name)
    {
        var reply = LogStreams.Reply(Log(), Log(field, replacement));
        Assert.NotEqual(LogStreams.Reply(Log(), Log()), reply);
        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => LogStreams.ReadAsync(reply, chunk: 17, initialBuffer: 64));
        Assert.Contains($"'{name}'", error.Problem);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":null}""", "result should be an array, got Null")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"logs":[]}}""", "result should be an array, got Object")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "neither result nor error")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"result":[]}""", "reply id 2 does not match request id 1")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":[],"result":[]}""", "the reply holds two results")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":[1]}""", "expected an object holding 'address', got Number")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"result":[]}]""", "expected a JSON-RPC object, got Array")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":[]} {"jsonrpc":"2.0","id":1,"result":[]}""", "not valid JSON")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task A_reply_that_is_not_a_log_list_is_refused(string reply, string problem)
    {
        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => LogStreams.ReadAsync(reply, chunk: 9, initialBuffer: 16));
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public async Task A_value_larger_than_the_limit_is_refused_rather_than_buffered()
    {
        var reply = $$"""{"jsonrpc":"{{new string('x', LogStreamReader.MaxValueBytes)}}","id":1,"result":[]}""";
        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => LogStreams.ReadAsync(reply));
        Assert.Equal("a single value in the reply is larger than 16 MB", error.Problem);
    }

    [Fact]
    public async Task Logs_of_other_shapes_are_checked_and_left_out()
    {
        var erc721 = Log("\"data\":\"" + Amount + "\"", "\"data\":\"0x\"").Replace($"\"{To}\"", $"\"{To}\",\"{Hash}\"", StringComparison.Ordinal);
        var otherEvent = Log(Transfer, Hash);
        var notAnAddress = Log(From, Hash);
        var removed = Log("\"removed\":false", "\"removed\":true");
        var transfers = await LogStreams.ReadAsync(LogStreams.Reply(erc721, otherEvent, notAnAddress, removed));
        Assert.True(Assert.Single(transfers).Removed);
    }

    [Fact]
    public async Task A_JSON_RPC_error_is_reported_with_its_code_message_and_data_even_after_a_result()
    {
        using var server = new LoopbackRpcServer();
        server.Reply("""{"jsonrpc":"2.0","id":1,"result":[""" + Log() + """],"error":{"code":-32005,"message":"query returned more than 10000 results. Try with this block range [0x2, 0x3].","data":{"from":"0x2","to":"0x3"}}}""");
        var reader = new LogStreamReader(new HttpClient { BaseAddress = server.Url });

        var error = await Assert.ThrowsAsync<Nethereum.JsonRpc.Client.RpcResponseException>(() => ReadAllAsync(reader, new LogFilter(2, 9, [])));
        Assert.Equal(-32005, error.RpcError.Code);
        Assert.Equal("""{"from":"0x2","to":"0x3"}""", RpcErrors.DataJson(error.RpcError));
        Assert.Equal(LogRangeAction.Narrow, LogRangeAdvice.Classify(error, 2, 9).Action);
        Assert.Equal(3, LogRangeAdvice.Classify(error, 2, 9).To);
        Assert.Contains("\"method\":\"eth_getLogs\"", Assert.Single(server.Requests));
    }

    [Fact]
    public async Task An_HTTP_refusal_is_reported_as_its_JSON_RPC_error_or_else_its_status()
    {
        using var server = new LoopbackRpcServer();
        server.Reply("""{"jsonrpc":"2.0","id":1,"error":{"code":429,"message":"Too Many Requests"}}""", 429, headers: ("Retry-After", "7"));
        server.Reply("<html>bad gateway</html>", 502);
        var reader = new LogStreamReader(new HttpClient { BaseAddress = server.Url });

        var limited = await Assert.ThrowsAsync<Nethereum.JsonRpc.Client.RpcResponseException>(() => ReadAllAsync(reader, new LogFilter(0, 1, [])));
        Assert.Equal(429, limited.RpcError.Code);
        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(limited, 0, 1).Action);

        var gateway = await Assert.ThrowsAsync<HttpRequestException>(() => ReadAllAsync(reader, new LogFilter(0, 1, [])));
        Assert.Equal(HttpStatusCode.BadGateway, gateway.StatusCode);
        Assert.Equal("eth_getLogs: HTTP 502 BadGateway: <html>bad gateway</html>", gateway.Message);
        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(gateway, 0, 1).Action);
    }

    private static async Task ReadAllAsync(LogStreamReader reader, LogFilter filter)
    {
        await foreach (var _ in reader.ReadTransfersAsync(filter, CancellationToken.None))
        {
        }
    }
}
