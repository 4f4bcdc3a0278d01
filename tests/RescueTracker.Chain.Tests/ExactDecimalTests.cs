using System.Numerics;

namespace RescueTracker.Chain.Tests;

public class ExactDecimalTests
{
    [Fact]
    public void From_base_units_keeps_every_wei()
    {
        var value = ExactDecimal.FromBaseUnits(BigInteger.Parse("2499999999999999998"), 18);

        Assert.Equal("2.499999999999999998", value.ToString());
        Assert.Equal(BigInteger.Parse("2499999999999999998"), value.ToBaseUnits(18));
    }

    [Fact]
    public void Whole_token_amounts_normalise_their_trailing_zeros()
    {
        var value = ExactDecimal.FromBaseUnits(BigInteger.Parse("68900000000000000000000"), 18);

        Assert.Equal(new ExactDecimal(68900, 0), value);
        Assert.Equal("68,900", value.ToDisplay());
    }

    [Fact]
    public void A_value_with_more_fraction_than_the_token_holds_has_no_base_units()
    {
        Assert.Null(ExactDecimal.Parse("0.0000001").ToBaseUnits(6));
    }
}
