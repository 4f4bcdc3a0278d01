using System.Numerics;

namespace RescueTracker.Chain.Tests;

public class HexQuantityTests
{
    [Theory]
    [InlineData("0x0", 0L)]
    [InlineData("0x1a", 26L)]
    [InlineData("0x1", 1L)]
    [InlineData("0x01", 1L)]
    [InlineData("0x79D4CF", 7984335L)]
    [InlineData("0x7fffffffffffffff", long.MaxValue)]
    public void Quantities_parse_to_their_value(string text, long expected)
    {
        Assert.True(HexQuantity.TryParse(text, out long value));
        Assert.Equal(expected, value);
        Assert.Equal(expected, HexQuantity.ParseInt64(text));
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("")]
    [InlineData("1a")]
    [InlineData("0xg1")]
    [InlineData("-0x1")]
    [InlineData("0x-1")]
    [InlineData("0X1a")]
    [InlineData(" 0x1")]
    [InlineData(null)]
    public void Malformed_quantities_are_rejected(string? text)
    {
        Assert.False(HexQuantity.TryParse(text, out long _));
        Assert.False(HexQuantity.TryParse(text, out BigInteger _));
    }

    [Fact]
    public void Empty_quantity_throws_a_format_exception_that_says_what_is_expected()
    {
        var error = Assert.Throws<FormatException>(() => HexQuantity.ParseInt64("0x"));

        Assert.Equal("'0x' is not a hex quantity: expected 0x followed by at least one hex digit.", error.Message);
    }

    [Fact]
    public void A_quantity_too_large_for_a_long_is_an_overflow_but_fits_a_big_integer()
    {
        Assert.False(HexQuantity.TryParse("0x8000000000000000", out long _));
        Assert.Throws<OverflowException>(() => HexQuantity.ParseInt64("0x8000000000000000"));
        Assert.Equal(BigInteger.Parse("9223372036854775808"), HexQuantity.ParseBigInteger("0x8000000000000000"));
    }

    [Fact]
    public void A_uint256_maximum_parses_as_a_positive_big_integer()
    {
        var max = HexQuantity.ParseBigInteger("0x" + new string('f', 64));

        Assert.Equal(BigInteger.Pow(2, 256) - 1, max);
    }

    [Theory]
    [InlineData(0L, "0x0")]
    [InlineData(26L, "0x1a")]
    [InlineData(19_000_000L, "0x121eac0")]
    public void Longs_format_without_leading_zeros(long value, string expected)
    {
        Assert.Equal(expected, HexQuantity.Format(value));
        Assert.Equal(expected, HexQuantity.Format(new BigInteger(value)));
    }

    [Fact]
    public void Big_integers_with_a_high_first_digit_format_without_a_sign_nibble()
    {
        Assert.Equal("0xff", HexQuantity.Format(new BigInteger(255)));
        Assert.Equal("0xde0b6b3a7640000", HexQuantity.Format(BigInteger.Parse("1000000000000000000")));
    }

    [Fact]
    public void Negative_values_cannot_be_formatted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HexQuantity.Format(-1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => HexQuantity.Format(BigInteger.MinusOne));
    }
}

public class HexDataTests
{
    [Fact]
    public void Data_parses_two_digits_per_byte_and_formats_back_in_lowercase()
    {
        var bytes = HexData.Parse("0x00FFa9");

        Assert.Equal(new byte[] { 0x00, 0xff, 0xa9 }, bytes);
        Assert.Equal("0x00ffa9", HexData.Format(bytes));
    }

    [Fact]
    public void Bare_prefix_is_empty_data()
    {
        Assert.Empty(HexData.Parse("0x"));
        Assert.Equal("0x", HexData.Format([]));
    }

    [Theory]
    [InlineData("0x123", "'0x123' is not hex data: it has an odd number of hex digits.")]
    [InlineData("1234", "'1234' is not hex data: it must start with 0x.")]
    [InlineData("0x12zz", "'0x12zz' is not hex data: 'z' is not a hex digit.")]
    public void Malformed_data_is_rejected_with_the_reason(string text, string expected)
    {
        Assert.False(HexData.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(expected, Assert.Throws<FormatException>(() => HexData.Parse(text)).Message);
    }
}
