namespace RescueTracker.Chain.Tests;

public class HashTests
{
    private const string UsdtTransferTx = "0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739";

    [Fact]
    public void Transaction_hash_parses_and_formats_in_lowercase()
    {
        var hash = TxHash.Parse("0x382DC93EAE2DF291BD5E885499778AC871BABBA3E2C5DCBF308BE7C06BE84739");

        Assert.Equal(UsdtTransferTx, hash.ToString());
        Assert.Equal(TxHash.Parse(UsdtTransferTx), hash);
        Assert.Equal(TxHash.Parse(UsdtTransferTx).GetHashCode(), hash.GetHashCode());
    }

    [Theory]
    [InlineData("0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be847", "'0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be847' is 31 bytes; a hash is 32 bytes (64 hex digits).")]
    [InlineData("382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739", "'382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739' is not hex data: it must start with 0x.")]
    [InlineData("0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be8473", "'0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be8473' is not hex data: it has an odd number of hex digits.")]
    public void Malformed_transaction_hash_is_rejected_with_the_reason(string text, string expected)
    {
        Assert.False(TxHash.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(expected, Assert.Throws<FormatException>(() => TxHash.Parse(text)).Message);
    }

    [Fact]
    public void Address_pads_to_the_topic_word_nodes_filter_on()
    {
        var topic = Hash32.FromAddress(EthAddress.Parse("0x2ae6d1401af58f9fbe2eda032b8494d519af5813"));

        Assert.Equal("0x0000000000000000000000002ae6d1401af58f9fbe2eda032b8494d519af5813", topic.ToString());
    }

    [Fact]
    public void Block_hash_and_transaction_hash_with_the_same_bytes_are_still_different_types()
    {
        var block = Hash32.Parse(UsdtTransferTx);
        var tx = new TxHash(block);

        Assert.Equal(block, tx.Value);
        Assert.False(tx.Equals((object)block));
    }

    [Fact]
    public void The_default_hash_is_zero()
    {
        Assert.Equal("0x" + new string('0', 64), default(Hash32).ToString());
        Assert.Equal(Hash32.Zero, default(TxHash).Value);
    }
}
