using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace RescueTracker.Chain.Tests;

/// <summary>ERC-20 Transfer decoding on recorded mainnet logs, and the shapes that only look like one.</summary>
public sealed class Erc20TransferTests
{
    [Fact]
    public void Transfer_topic_is_the_keccak_of_the_event_signature()
    {
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", Erc20Transfer.TransferTopic.ToString());
    }

    [Fact]
    public void Recorded_mainnet_usdt_transfer_decodes_with_its_position()
    {
        var transfer = Decode(Assert.Single(RecordedLogs("mainnet-receipt-usdt-transfer.json")));
        Assert.NotNull(transfer);

        Assert.Equal(
            new Erc20Transfer(
                EthAddress.Parse("0xdAC17F958D2ee523a2206206994597C13D831ec7"),
                EthAddress.Parse("0x32d038a19f75b2ba4ca1d38a82192ff353c47be2"),
                EthAddress.Parse("0x2ae6d1401af58f9fbe2eda032b8494d519af5813"),
                new BigInteger(1_000_000_000),
                8_224_161,
                Hash32.Parse("0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c"),
                TxHash.Parse("0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739"),
                73,
                Removed: false),
            transfer);
        Assert.Equal(ExactDecimal.Parse("1000"), new TokenAmount(transfer.Amount, 6).ToExactDecimal());
    }

    [Fact]
    public void Only_the_transfers_among_a_recorded_receipts_other_events_decode()
    {
        var logs = RecordedLogs("mainnet-receipt-mixed-logs.json");
        Assert.Equal(8, logs.Count);

        var transfers = logs.Select(Decode).OfType<Erc20Transfer>().ToList();

        Assert.Equal([186, 189, 191], transfers.Select(t => t.LogIndex));
        Assert.Equal(
            [EthAddress.Parse("0x61646f3bede9e1a24d387feb661888b4cc1587d8"), EthAddress.Parse("0xa823e6722006afe99e91c30ff5295052fe6b8e32"), EthAddress.Parse("0x535bfaeb50580f674bd2e076d6073adf28a46fa8")],
            transfers.Select(t => t.Token));
        Assert.Equal(
            [EthAddress.Parse("0x0e98727a9f30bd3083dc8926ffa3456cc74e93b0"), EthAddress.Zero, EthAddress.Zero],
            transfers.Select(t => t.From));
        Assert.All(transfers, t => Assert.Equal(EthAddress.Parse("0x73e44092b5a886a37bea74bfc90911d0c98f6a15"), t.To));
        Assert.Equal(
            [BigInteger.Parse("690000000000000000000"), BigInteger.Parse("4268920964490649222481"), new BigInteger(4262)],
            transfers.Select(t => t.Amount));
        Assert.All(transfers, t => Assert.Equal(9_008_914, t.BlockNumber));
    }

    [Fact]
    public void Recorded_maximum_uint256_amount_decodes_as_a_positive_number()
    {
        var transfer = Decode(Assert.Single(RecordedLogs("mainnet-receipt-max-amount.json")));
        Assert.NotNull(transfer);

        Assert.Equal(BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935"), transfer.Amount);
        Assert.Equal(transfer.From, transfer.To);
        Assert.Equal(160, transfer.LogIndex);
    }

    [Fact]
    public void Erc721_transfer_with_the_token_id_as_a_fourth_topic_is_rejected()
    {
        var log = UsdtLog();
        log["topics"] = Topics(Topic(log, 0), Topic(log, 1), Topic(log, 2), "0x00000000000000000000000000000000000000000000000000000000000004d2");
        log["data"] = "0x";

        Assert.Null(Decode(log));
    }

    [Fact]
    public void Transfer_with_unindexed_addresses_is_rejected()
    {
        // Some early tokens declared Transfer without "indexed": one topic, 96 bytes of data.
        var log = UsdtLog();
        log["topics"] = Topics(Topic(log, 0));
        log["data"] = Word(96);

        Assert.Null(Decode(log));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Transfer_whose_data_is_not_one_word_is_rejected(int length)
    {
        var log = UsdtLog();
        log["data"] = Word(length);

        Assert.Null(Decode(log));
    }

    [Fact]
    public void Transfer_with_a_topic_that_is_not_a_padded_address_is_rejected()
    {
        var log = UsdtLog();
        log["topics"] = Topics(Topic(log, 0), "0x01000000000000000000000032d038a19f75b2ba4ca1d38a82192ff353c47be2", Topic(log, 2));

        Assert.Null(Decode(log));
    }

    [Fact]
    public void Other_event_with_three_topics_and_one_word_is_rejected()
    {
        var log = UsdtLog();
        // Approval(address,address,uint256) has exactly the Transfer layout.
        log["topics"] = Topics("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", Topic(log, 1), Topic(log, 2));

        Assert.Null(Decode(log));
    }

    [Fact]
    public void Removed_flag_is_kept_so_the_caller_can_ignore_the_transfer()
    {
        var log = UsdtLog();
        log["removed"] = true;

        Assert.True(Decode(log)?.Removed);
    }

    /// <summary>The recorded USDT transfer log as JSON, to be changed field by field.</summary>
    private static JsonObject UsdtLog() => RecordedLogs("mainnet-receipt-usdt-transfer.json")[0];

    private static List<JsonObject> RecordedLogs(string file) =>
        [.. JsonNode.Parse(TestData.Read(file))!["result"]!["logs"]!.AsArray().Select(l => l!.AsObject())];

    /// <summary>Decodes one log as the hot path does, from its UTF-8 JSON.</summary>
    private static Erc20Transfer? Decode(JsonObject log) =>
        LogJson.TryDecodeTransfer(Encoding.UTF8.GetBytes(log.ToJsonString()), out var transfer) ? transfer : null;

    private static JsonArray Topics(params string[] topics) => [.. topics.Select(t => (JsonNode?)JsonValue.Create(t))];

    private static string Topic(JsonObject log, int i) => log["topics"]![i]!.GetValue<string>();

    private static string Word(int bytes) => "0x" + new string('0', bytes * 2);
}
