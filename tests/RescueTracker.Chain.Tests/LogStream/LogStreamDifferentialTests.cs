using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Chain.Tests.LogStream;

/// <summary>
/// The streaming reader against Nethereum on the same replies: real mainnet logs, the same logs
/// spelled differently, and 100,000 Transfer logs from a real Anvil node (the ingest benchmark's).
/// </summary>
public sealed partial class LogStreamDifferentialTests
{
    [Theory]
    [InlineData("mainnet-receipt-usdt-transfer.json", 1)]
    [InlineData("mainnet-receipt-mixed-logs.json", 3)]
    [InlineData("mainnet-receipt-max-amount.json", 1)]
    public async Task Mainnet_logs_decode_exactly_as_Nethereum_decodes_them(string file, int transfers)
    {
        var reply = MainnetReply(file);
        var expected = NethereumReference.Decode(Encoding.UTF8.GetBytes(reply));
        Assert.Equal(transfers, expected.Count);

        NethereumReference.AssertSame(expected, await LogStreams.ReadAsync(reply));
        // Every token split across reads, and a buffer that must grow to hold one log.
        NethereumReference.AssertSame(expected, await LogStreams.ReadAsync(reply, chunk: 1, initialBuffer: 16));
        NethereumReference.AssertSame(expected, await LogStreams.ReadAsync(reply, chunk: 7, initialBuffer: 64));
    }

    [Fact]
    public async Task Upper_case_hex_and_escaped_characters_decode_as_Nethereum_decodes_them()
    {
        var reply = MainnetReply("mainnet-receipt-mixed-logs.json");
        var upper = HexDigits().Replace(reply, m => "0x" + m.Groups[1].Value.ToUpperInvariant());
        // "\u0030x" is "0x" spelled with a JSON escape.
        var escaped = upper.Replace("\"0x", "\"\\u0030x", StringComparison.Ordinal);
        Assert.NotEqual(reply, escaped);

        var expected = NethereumReference.Decode(Encoding.UTF8.GetBytes(escaped));
        Assert.Equal(3, expected.Count);
        NethereumReference.AssertSame(expected, await LogStreams.ReadAsync(escaped, chunk: 5, initialBuffer: 32));
        Assert.Equal(await LogStreams.ReadAsync(reply), await LogStreams.ReadAsync(escaped));
    }

    [Fact]
    public async Task The_benchmarks_100000_Anvil_logs_decode_exactly_as_Nethereum_decodes_them()
    {
        var contracts = await TestContracts.LoadAsync();
        await using var node = await AnvilNode.StartAsync(chainId: 1, new AnvilNodeOptions { StartTimeout = TimeSpan.FromSeconds(60) });
        var emitter = await contracts.DeployEmitterAsync(node);
        for (var call = 0; call < 10; call++)
            await contracts.EmitManyAsync(node, emitter, DevAccounts.Account2, DevAccounts.Account1, BigInteger.Pow(10, 18), 10_000);
        // A real token beside them: a mint (from the zero address), the largest amount, a zero amount.
        var token = await contracts.DeployTokenAsync(node, "Test", "TST", 6);
        var max = BigInteger.Pow(2, 256) - 1;
        await contracts.MintAsync(node, token, DevAccounts.Account1, max);
        await contracts.TransferAsync(node, token, DevAccounts.Account1, DevAccounts.Account3, 12_345);
        await contracts.TransferAsync(node, token, DevAccounts.Account1, DevAccounts.Account1, 0);
        var head = (long)await node.Rpc.BlockNumberAsync();

        var filter = new LogFilter(0, head, [EthAddress.Parse(emitter), EthAddress.Parse(token)], [[Erc20Transfer.TransferTopic]]);
        using var http = new HttpClient { BaseAddress = new Uri(node.RpcUrl), Timeout = TimeSpan.FromMinutes(2) };
        var reply = await RawReplyAsync(http, filter);

        var expected = NethereumReference.Decode(reply);
        Assert.Equal(100_003, expected.Count);
        var fromBody = await LogStreams.ReadAsync(reply);
        NethereumReference.AssertSame(expected, fromBody);
        Assert.Equal(max, fromBody[100_000].Amount);

        var fromNode = new List<Erc20Transfer>();
        await foreach (var transfers in new LogStreamReader(http).ReadTransfersAsync(filter, CancellationToken.None)) fromNode.AddRange(transfers);
        Assert.Equal(fromBody, fromNode);
    }

    private static async Task<byte[]> RawReplyAsync(HttpClient http, LogFilter filter)
    {
        var addresses = string.Join(',', filter.Addresses.Select(a => $"\"{a.ToLowerHex()}\""));
        var request = $$"""
            {"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"{{HexQuantity.Format(filter.FromBlock)}}",
             "toBlock":"{{HexQuantity.Format(filter.ToBlock)}}","address":[{{addresses}}],"topics":[["{{Erc20Transfer.TransferTopic}}"]]}]}
            """;
        using var response = await http.PostAsync((Uri?)null, new StringContent(request, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A recorded receipt's logs as the eth_getLogs reply a node would send for them.</summary>
    internal static string MainnetReply(string file)
    {
        var logs = JsonNode.Parse(TestData.Read(file))!["result"]!["logs"]!;
        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["result"] = logs.DeepClone() }.ToJsonString();
    }

    [GeneratedRegex("0x([0-9a-f]+)")]
    private static partial Regex HexDigits();
}
