using System.Numerics;

namespace RescueTracker.Chain.Tests;

public class TokenAmountTests
{
    [Fact]
    public void Base_units_convert_to_exact_token_units()
    {
        var amount = new TokenAmount(BigInteger.Parse("1500000000000000001"), 18);

        Assert.Equal(ExactDecimal.Parse("1.500000000000000001"), amount.ToExactDecimal());
        Assert.Equal("1.500000000000000001", amount.ToString());
    }

    [Fact]
    public void Six_decimal_stablecoin_amounts_convert_exactly()
    {
        var amount = new TokenAmount(1_000_000_000, 6);

        Assert.Equal(ExactDecimal.Parse("1000"), amount.ToExactDecimal());
    }

    [Fact]
    public void Negative_amount_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TokenAmount(BigInteger.MinusOne, 18));

        Assert.Equal("baseUnits", error.ParamName);
    }

    [Fact]
    public void Amount_above_uint256_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenAmount(BigInteger.Pow(2, 256), 18));
        Assert.Equal(TokenAmount.MaxBaseUnits, new TokenAmount(BigInteger.Pow(2, 256) - 1, 18).BaseUnits);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Decimals_outside_uint8_are_refused(int decimals)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenAmount(1, decimals));
    }

    [Fact]
    public void Amounts_with_the_same_decimals_add_and_compare_by_value()
    {
        var sum = new TokenAmount(1, 18) + new TokenAmount(2, 18);

        Assert.Equal(new TokenAmount(3, 18), sum);
        Assert.NotEqual(new TokenAmount(3, 6), sum);
    }

    [Fact]
    public void Amounts_with_different_decimals_cannot_be_added()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TokenAmount(1, 18) + new TokenAmount(1, 6));

        Assert.Equal("Cannot add amounts with 18 and 6 decimals.", error.Message);
    }
}
