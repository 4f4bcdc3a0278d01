namespace RescueTracker.Chain.Tests;

public class EthAddressTests
{
    public static TheoryData<string> ChecksummedAddresses =>
    [
        // EIP-55's own examples
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        // stETH, WETH, wstETH on mainnet
        "0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84",
        "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
        "0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0",
    ];

    [Theory]
    [MemberData(nameof(ChecksummedAddresses))]
    public void Checksummed_address_parses_and_formats_back_to_the_same_text(string text)
    {
        var address = EthAddress.Parse(text);

        Assert.Equal(text, address.ToString());
        Assert.Equal(text.ToLowerInvariant(), address.ToLowerHex());
    }

    [Theory]
    [MemberData(nameof(ChecksummedAddresses))]
    public void All_lowercase_address_is_accepted_and_formats_with_its_checksum(string text)
    {
        Assert.True(EthAddress.TryParse(text.ToLowerInvariant(), out var address, out var error));

        Assert.Equal("", error);
        Assert.Equal(text, address.ToString());
    }

    [Fact]
    public void All_uppercase_hex_digits_are_accepted()
    {
        var address = EthAddress.Parse("0xAE7AB96520DE3A18E5E111B5EAAB095312D7FE84");

        Assert.Equal("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", address.ToString());
    }

    [Fact]
    public void Mixed_case_address_with_wrong_checksum_is_rejected()
    {
        // stETH with one letter's case flipped: the kind of error EIP-55 exists to catch.
        const string text = "0xAe7ab96520DE3A18E5e111B5EaAb095312D7fE84";

        Assert.False(EthAddress.TryParse(text, out var address, out var error));

        Assert.Equal(
            "'0xAe7ab96520DE3A18E5e111B5EaAb095312D7fE84' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.",
            error);
        Assert.Equal(EthAddress.Zero, address);
    }

    [Theory]
    [InlineData(null, "The address is empty; expected 0x followed by 40 hex digits.")]
    [InlineData("", "The address is empty; expected 0x followed by 40 hex digits.")]
    [InlineData("ae7ab96520de3a18e5e111b5eaab095312d7fe84", "'ae7ab96520de3a18e5e111b5eaab095312d7fe84' does not start with 0x; an address is 0x followed by 40 hex digits.")]
    [InlineData("0Xae7ab96520de3a18e5e111b5eaab095312d7fe84", "'0Xae7ab96520de3a18e5e111b5eaab095312d7fe84' does not start with 0x; an address is 0x followed by 40 hex digits.")]
    [InlineData("0xae7ab96520de3a18e5e111b5eaab095312d7fe", "'0xae7ab96520de3a18e5e111b5eaab095312d7fe' has 38 characters after 0x; an address has 40 hex digits.")]
    [InlineData("0xae7ab96520de3a18e5e111b5eaab095312d7fe8400", "'0xae7ab96520de3a18e5e111b5eaab095312d7fe8400' has 42 characters after 0x; an address has 40 hex digits.")]
    [InlineData("0xae7ab96520de3a18e5e111b5eaab095312d7fg84", "'0xae7ab96520de3a18e5e111b5eaab095312d7fg84' contains 'g', which is not a hex digit.")]
    [InlineData(" 0xae7ab96520de3a18e5e111b5eaab095312d7fe84", "' 0xae7ab96520de3a18e5e111b5eaab095312d7fe84' does not start with 0x; an address is 0x followed by 40 hex digits.")]
    public void Malformed_address_is_rejected_with_a_message_naming_the_problem(string? text, string expected)
    {
        Assert.False(EthAddress.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_same_message()
    {
        var error = Assert.Throws<FormatException>(() => EthAddress.Parse("0xAe7ab96520DE3A18E5e111B5EaAb095312D7fE84"));

        Assert.Equal(
            "'0xAe7ab96520DE3A18E5e111B5EaAb095312D7fE84' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.",
            error.Message);
    }

    [Fact]
    public void Addresses_are_equal_by_bytes_whatever_the_input_case()
    {
        var checksummed = EthAddress.Parse("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
        var lower = EthAddress.Parse("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
        var other = EthAddress.Parse("0xae7ab96520de3a18e5e111b5eaab095312d7fe84");

        Assert.Equal(checksummed, lower);
        Assert.True(checksummed == lower);
        Assert.Equal(checksummed.GetHashCode(), lower.GetHashCode());
        Assert.NotEqual(checksummed, other);
        Assert.True(checksummed != other);
        Assert.Single(new HashSet<EthAddress> { checksummed, lower });
    }

    [Fact]
    public void Bytes_round_trip_through_the_constructor()
    {
        var bytes = Convert.FromHexString("ae7ab96520de3a18e5e111b5eaab095312d7fe84");

        var address = new EthAddress(bytes);

        Assert.Equal(bytes, address.ToArray());
        Assert.Equal("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", address.ToString());
    }

    [Fact]
    public void Constructor_refuses_anything_but_20_bytes()
    {
        var error = Assert.Throws<ArgumentException>(() => new EthAddress(new byte[32]));

        Assert.StartsWith("An address is 20 bytes, not 32.", error.Message);
    }

    [Fact]
    public void The_default_address_is_the_zero_address()
    {
        Assert.Equal("0x0000000000000000000000000000000000000000", default(EthAddress).ToString());
        Assert.Equal(EthAddress.Parse("0x0000000000000000000000000000000000000000"), EthAddress.Zero);
    }

    [Fact]
    public void A_topic_word_with_zero_upper_bytes_reads_as_an_address()
    {
        var word = Convert.FromHexString("000000000000000000000000c02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");

        Assert.True(EthAddress.TryFromWord(word, out var address));
        Assert.Equal("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", address.ToString());
    }

    [Fact]
    public void A_word_with_nonzero_upper_bytes_is_not_an_address()
    {
        var word = Convert.FromHexString("000000000000000000000001c02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");

        Assert.False(EthAddress.TryFromWord(word, out _));
        Assert.False(EthAddress.TryFromWord(word.AsSpan(0, 31), out _));
    }
}
