using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain.Tests;

public sealed class LogRequestTests : IDisposable
{
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Log_filter_is_sent_with_hex_range_lowercase_addresses_and_positional_topics()
    {
        var receipt = JsonDocument.Parse(TestData.Read("mainnet-receipt-usdt-transfer.json"));
        _server.ReplyResult(receipt.RootElement.GetProperty("result").GetProperty("logs").GetRawText());
        var usdt = EthAddress.Parse("0xdAC17F958D2ee523a2206206994597C13D831ec7");
        var recipient = EthAddress.Parse("0x2ae6d1401af58f9fbe2eda032b8494d519af5813");
        var filter = new LogFilter(8_224_161, 8_224_200, [usdt], [[Erc20Transfer.TransferTopic], null, [Hash32.FromAddress(recipient)]]);

        var logs = await _server.Client().GetLogsAsync(filter, CancellationToken.None);

        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"0x7d7da1","toBlock":"0x7d7dc8","address":["0xdac17f958d2ee523a2206206994597c13d831ec7"],"topics":[["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],null,["0x0000000000000000000000002ae6d1401af58f9fbe2eda032b8494d519af5813"]]}]}""",
            _server.Requests[0]);
        var log = Assert.Single(logs);
        Assert.Equal((usdt, EthAddress.Parse("0x32d038a19f75b2ba4ca1d38a82192ff353c47be2"), recipient), (log.Token, log.From, log.To));
        Assert.Equal(8_224_161, log.BlockNumber);
        Assert.Equal(TxHash.Parse("0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739"), log.TransactionHash);
    }

    [Fact]
    public async Task Log_filter_without_addresses_or_topics_sends_only_the_range()
    {
        _server.ReplyResult("[]");

        var logs = await _server.Client().GetLogsAsync(new LogFilter(0, 0, []), CancellationToken.None);

        Assert.Empty(logs);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"0x0","toBlock":"0x0"}]}""", _server.Requests[0]);
    }

    [Fact]
    public void Log_filter_refuses_an_inverted_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogFilter(10, 9, []));
    }

    [Fact]
    public async Task Removed_logs_are_reported_as_removed()
    {
        _server.ReplyResult("""
            [{"address":"0xdac17f958d2ee523a2206206994597c13d831ec7","blockHash":"0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c",
              "blockNumber":"0x7d7da1","data":"0x000000000000000000000000000000000000000000000000000000003b9aca00","logIndex":"0x49","removed":true,
              "topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef","0x00000000000000000000000032d038a19f75b2ba4ca1d38a82192ff353c47be2","0x0000000000000000000000002ae6d1401af58f9fbe2eda032b8494d519af5813"],
              "transactionHash":"0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739","transactionIndex":"0x91"}]
            """);

        var logs = await _server.Client().GetLogsAsync(new LogFilter(8_224_161, 8_224_161, []), CancellationToken.None);

        Assert.True(Assert.Single(logs).Removed);
    }

    [Fact]
    public async Task Traces_in_parity_format_are_read_from_nethereums_reply()
    {
        // Plain JSON numbers for blockNumber and transactionPosition, as tracing nodes send them.
        _server.ReplyResult("""
            [{"action":{"callType":"call","from":"0x1c39ba39e4735cb65978d4db400ddd70a72dc750","gas":"0x13e99","input":"0x","to":"0x2bd2326c993dfaef84f696526064ff22eba5b362","value":"0xde0b6b3a7640000"},
              "blockHash":"0x7eb25504e4c202cf3d62fd585d3e238f592c780cca82dacb2ed3cb5b38883add","blockNumber":3068185,
              "result":{"gasUsed":"0x0","output":"0x"},"subtraces":0,"traceAddress":[],
              "transactionHash":"0x17104ac9d3312d8c136b7f44d4b8b47852618065ebfa534bd2d3b5ef218ca1f3","transactionPosition":2,"type":"call"},
             {"action":{"callType":"call","from":"0xbb9bc244d798123fde783fcc1c72d3bb8c189413","gas":"0x13e99","input":"0x","to":"0x2bd2326c993dfaef84f696526064ff22eba5b362","value":"0x1bc16d674ec80000"},
              "blockHash":"0x7eb25504e4c202cf3d62fd585d3e238f592c780cca82dacb2ed3cb5b38883add","blockNumber":3068185,
              "result":{"gasUsed":"0x183","output":"0x"},"subtraces":0,"traceAddress":[0,1],
              "transactionHash":"0x4a7e9d4aedfbb706edd101a910b257294a9ae8a0a1f903ba4593bf71ac213836","transactionPosition":7,"type":"call"},
             {"action":{"callType":"call","from":"0xbb9bc244d798123fde783fcc1c72d3bb8c189413","gas":"0x5208","input":"0x","to":"0x2bd2326c993dfaef84f696526064ff22eba5b362","value":"0x1"},
              "blockHash":"0x7eb25504e4c202cf3d62fd585d3e238f592c780cca82dacb2ed3cb5b38883add","blockNumber":3068185,
              "error":"Reverted","result":null,"subtraces":0,"traceAddress":[2],
              "transactionHash":"0x4a7e9d4aedfbb706edd101a910b257294a9ae8a0a1f903ba4593bf71ac213836","transactionPosition":7,"type":"call"}]
            """);
        var recovery = EthAddress.Parse("0x2bd2326c993dfaef84f696526064ff22eba5b362");

        var reply = await _server.Nethereum().SendRequestAsync<Newtonsoft.Json.Linq.JToken>(
            new Nethereum.JsonRpc.Client.RpcRequest(1, "trace_filter", new { fromBlock = "0x2ed119", toBlock = "0x2ed128", toAddress = new[] { recovery.ToLowerHex() } }));
        var traces = RpcTrace.ListFromJson("trace_filter", reply);

        Assert.Equal(3, traces.Count);

        var top = traces[0];
        Assert.True(top.IsTopLevel);
        Assert.Equal("call", top.Type);
        Assert.Equal(EthAddress.Parse("0x1c39ba39e4735cb65978d4db400ddd70a72dc750"), top.Action.From);
        Assert.Equal(recovery, top.Action.To);
        Assert.Equal(BigInteger.Parse("1000000000000000000"), top.Action.Value);
        Assert.Equal("call", top.Action.CallType);
        Assert.Equal(3_068_185, top.BlockNumber);
        Assert.Equal(Hash32.Parse("0x7eb25504e4c202cf3d62fd585d3e238f592c780cca82dacb2ed3cb5b38883add"), top.BlockHash);
        Assert.Equal(TxHash.Parse("0x17104ac9d3312d8c136b7f44d4b8b47852618065ebfa534bd2d3b5ef218ca1f3"), top.TransactionHash);
        Assert.Equal(2, top.TransactionPosition);
        Assert.Null(top.Error);

        var internalCall = traces[1];
        Assert.False(internalCall.IsTopLevel);
        Assert.Equal([0, 1], internalCall.TraceAddress);
        Assert.Equal(BigInteger.Parse("2000000000000000000"), internalCall.Action.Value);
        Assert.True(internalCall.MovesValue);

        Assert.Equal("Reverted", traces[2].Error);
        Assert.False(traces[2].MovesValue);
    }
}
