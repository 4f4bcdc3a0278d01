using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain.Tests;

public sealed class EthRpcClientTests : IDisposable
{
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Chain_id_is_requested_as_json_rpc_2_and_read_from_a_hex_quantity()
    {
        _server.ReplyResult("\"0xa4b1\"");

        var chainId = await _server.Client().GetChainIdAsync(CancellationToken.None);

        Assert.Equal(42161, chainId);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", Assert.Single(_server.Requests));
    }

    [Fact]
    public async Task Block_number_is_read_and_request_ids_increase()
    {
        _server.ReplyResult("\"0x1\"");
        _server.ReplyResult("\"0x121eac0\"");
        var client = _server.Client();

        await client.GetChainIdAsync(CancellationToken.None);
        var head = await client.GetBlockNumberAsync(CancellationToken.None);

        Assert.Equal(19_000_000, head);
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"method":"eth_blockNumber","params":[]}""", _server.Requests[1]);
    }

    [Fact]
    public async Task Block_with_transaction_hashes_is_read()
    {
        _server.ReplyResult("""
            {"baseFeePerGas":null,"difficulty":"0x8c1ab0ba6a0c3","extraData":"0x5050594520737061726b706f6f6c2d6574682d636e2d687a32",
             "gasLimit":"0x98474c","gasUsed":"0x983a21","hash":"0xf3284e85de5c9eb5199530d0c47b6006b5c480135975f72c352b4d12d16c9643",
             "logsBloom":"0x00","miner":"0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c","mixHash":"0x1e1e7c1c2f8fd7d06d6b3f2e0b0a0b0c0d0e0f10111213141516171819202122",
             "nonce":"0x4d1b3a4c0a1a2b3c","number":"0x897712","parentHash":"0x9b1c5c5a4e2e8c0c4f0a8f3f0c4a2a1a7d3e5c6b7a8b9c0d1e2f3a4b5c6d7e8f",
             "size":"0x8a6c","stateRoot":"0x00","timestamp":"0x5dec2a3f","totalDifficulty":"0x2f0e0fbd6b0a2f1d3a1",
             "transactions":["0x1225049616c8dd5f88b6f68020a1572bba3e3e72f872d5e838a47919b98339bd","0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739"],
             "transactionsRoot":"0x00","uncles":[]}
            """);

        var block = await _server.Client().GetBlockByNumberAsync(9_008_914, fullTransactions: false, CancellationToken.None);

        Assert.NotNull(block);
        Assert.Equal(9_008_914, block.Number);
        Assert.Equal(Hash32.Parse("0xf3284e85de5c9eb5199530d0c47b6006b5c480135975f72c352b4d12d16c9643"), block.Hash);
        Assert.Equal(Hash32.Parse("0x9b1c5c5a4e2e8c0c4f0a8f3f0c4a2a1a7d3e5c6b7a8b9c0d1e2f3a4b5c6d7e8f"), block.ParentHash);
        Assert.Equal(1_575_758_399, block.Timestamp);
        Assert.Equal(new DateTimeOffset(2019, 12, 7, 22, 39, 59, TimeSpan.Zero), block.Time);
        Assert.Equal(
            [TxHash.Parse("0x1225049616c8dd5f88b6f68020a1572bba3e3e72f872d5e838a47919b98339bd"), TxHash.Parse("0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739")],
            block.TransactionHashes);
        Assert.Empty(block.Transactions);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"eth_getBlockByNumber","params":["0x897712",false]}""", _server.Requests[0]);
    }

    [Fact]
    public async Task Block_with_full_transactions_reads_sender_recipient_and_value()
    {
        _server.ReplyResult("""
            {"hash":"0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c","number":"0x7d7da1",
             "parentHash":"0x4bcf1d0d3c2f3b3e7f2c9d7a5b9e1c0a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e","timestamp":"0x5d2c9a1e",
             "transactions":[
              {"blockHash":"0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c","blockNumber":"0x7d7da1",
               "from":"0x32d038a19f75b2ba4ca1d38a82192ff353c47be2","gas":"0x186a0","gasPrice":"0x3b9aca00",
               "hash":"0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739",
               "input":"0xa9059cbb0000000000000000000000002ae6d1401af58f9fbe2eda032b8494d519af5813000000000000000000000000000000000000000000000000000000003b9aca00",
               "nonce":"0x5","to":"0xdac17f958d2ee523a2206206994597c13d831ec7","transactionIndex":"0x91","value":"0x0",
               "v":"0x25","r":"0x1","s":"0x2","type":"0x0"},
              {"blockHash":"0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c","blockNumber":"0x7d7da1",
               "from":"0xe6c5de11dec1acda652bd7bf1e96fb56662e9f8f","gas":"0x5208","gasPrice":"0x3b9aca00",
               "hash":"0x210850cef2c952387def5c40e23d7c8415e0abf2dd6ea0f5a9079f86b361dbae","input":"0x","nonce":"0x0",
               "to":"0x1d8b942384c41be24f202d458e819640e6f0218a","transactionIndex":"0x92","value":"0x491c5fd243afc00",
               "v":"0x26","r":"0x1","s":"0x2","type":"0x0"},
              {"blockHash":"0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c","blockNumber":"0x7d7da1",
               "from":"0xaa0087f012d788a11369c2a211f14f767aafdb16","gas":"0x886ad","gasPrice":"0x3b9aca00",
               "hash":"0x56ea32823805a3a7f46fe1af0214d809e53e8a1b4228c1b187d015b8de0905be","input":"0x6080","nonce":"0x1",
               "to":null,"transactionIndex":"0x93","value":"0x0","v":"0x25","r":"0x1","s":"0x2","type":"0x0"}
             ]}
            """);

        var block = await _server.Client().GetBlockByNumberAsync(8_224_161, fullTransactions: true, CancellationToken.None);

        Assert.NotNull(block);
        Assert.Equal(3, block.Transactions.Count);
        var plainSend = block.Transactions[1];
        Assert.Equal(TxHash.Parse("0x210850cef2c952387def5c40e23d7c8415e0abf2dd6ea0f5a9079f86b361dbae"), plainSend.Hash);
        Assert.Equal(EthAddress.Parse("0xe6c5de11dec1acda652bd7bf1e96fb56662e9f8f"), plainSend.From);
        Assert.Equal(EthAddress.Parse("0x1d8b942384c41be24f202d458e819640e6f0218a"), plainSend.To);
        Assert.Equal(BigInteger.Parse("329261938800000000"), plainSend.Value);
        Assert.Equal(8_224_161, plainSend.BlockNumber);
        Assert.Equal(block.Hash, plainSend.BlockHash);
        Assert.Equal(146, plainSend.TransactionIndex);
        Assert.Null(block.Transactions[2].To);
        Assert.Equal(block.Transactions.Select(t => t.Hash), block.TransactionHashes);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"eth_getBlockByNumber","params":["0x7d7da1",true]}""", _server.Requests[0]);
    }

    [Fact]
    public async Task Block_the_node_does_not_have_yet_is_null()
    {
        _server.ReplyResult("null");

        Assert.Null(await _server.Client().GetBlockByNumberAsync(99_999_999, true, CancellationToken.None));
    }

    [Fact]
    public async Task Recorded_mainnet_receipt_is_read_with_status_and_logs()
    {
        _server.Reply(TestData.Read("mainnet-receipt-usdt-transfer.json"));
        var hash = TxHash.Parse("0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739");

        var receipt = await _server.Client().GetTransactionReceiptAsync(hash, CancellationToken.None);

        Assert.NotNull(receipt);
        Assert.Equal(hash, receipt.TransactionHash);
        Assert.Equal(8_224_161, receipt.BlockNumber);
        Assert.Equal(Hash32.Parse("0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c"), receipt.BlockHash);
        Assert.Equal(EthAddress.Parse("0x32d038a19f75b2ba4ca1d38a82192ff353c47be2"), receipt.From);
        Assert.Equal(EthAddress.Parse("0xdac17f958d2ee523a2206206994597c13d831ec7"), receipt.To);
        Assert.Null(receipt.ContractAddress);
        Assert.True(receipt.Succeeded);
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(73, log.LogIndex);
        Assert.Equal(145, log.TransactionIndex);
        Assert.Equal("0x000000000000000000000000000000000000000000000000000000003b9aca00", HexData.Format(log.Data.Span));
        Assert.False(log.Removed);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"eth_getTransactionReceipt","params":["0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739"]}""", _server.Requests[0]);
    }

    [Fact]
    public async Task Failed_transaction_receipt_says_so()
    {
        _server.ReplyResult("""
            {"blockHash":"0xf3284e85de5c9eb5199530d0c47b6006b5c480135975f72c352b4d12d16c9643","blockNumber":"0x897712","contractAddress":null,
             "cumulativeGasUsed":"0x7f613a","from":"0x65798e5c90a332bbfa37c793f8847c441df42d44","gasUsed":"0x5fb9","logs":[],"logsBloom":"0x00",
             "status":"0x0","to":"0x72338b82800400f5488eca2b5a37270ba3b7a111",
             "transactionHash":"0x1a7d89fcbba627f9c82ac8edcf93180c84a5ae754418589787a703ad4a974870","transactionIndex":"0x79"}
            """);

        var receipt = await _server.Client().GetTransactionReceiptAsync(default, CancellationToken.None);

        Assert.False(receipt!.Succeeded);
        Assert.Empty(receipt.Logs);
    }

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
        Assert.Equal(usdt, log.Address);
        Assert.Equal(
            [Erc20Transfer.TransferTopic, Hash32.Parse("0x00000000000000000000000032d038a19f75b2ba4ca1d38a82192ff353c47be2"), Hash32.FromAddress(recipient)],
            log.Topics);
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
    public async Task Traces_are_requested_by_callee_and_read_in_parity_format()
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

        var traces = await _server.Client().TraceFilterAsync(3_068_185, 3_068_200, [recovery], CancellationToken.None);

        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"method":"trace_filter","params":[{"fromBlock":"0x2ed119","toBlock":"0x2ed128","toAddress":["0x2bd2326c993dfaef84f696526064ff22eba5b362"]}]}""",
            _server.Requests[0]);
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
