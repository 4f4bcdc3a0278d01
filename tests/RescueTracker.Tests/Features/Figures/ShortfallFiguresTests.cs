using RescueTracker.Data;

namespace RescueTracker.Tests.Features.Figures;

public class ShortfallFiguresTests
{
    [Fact]
    public void Shortfall_is_the_sum_of_losses_minus_the_sum_of_recoveries()
    {
        // Aave's later accounting: several losses and recoveries, not one constant.
        var ledger = new LedgerBuilder()
            .Loss("163183", "Original shortfall").Recovery("43168", "Frozen by Kelp")
            .Recovery("30766", "Frozen on Arbitrum").Recovery("12323", "Aave liquidations")
            .Recovery("1845", "Compound liquidations");

        var figures = ledger.Compute();

        Assert.Equal("75081", figures.ShortfallEth.ToString());
        Assert.Equal("75081", figures.UncoveredNowEth.ToString());
    }

    [Fact]
    public void Shortfall_lines_list_losses_before_recoveries_with_their_ETH_value()
    {
        var figures = new LedgerBuilder().Recovery("30700").Loss("99600").Compute();

        Assert.Equal([(ShortfallKind.Loss, "99600"), (ShortfallKind.Recovery, "30700")],
            figures.Shortfall.Select(s => (s.Kind, s.AmountEth.ToString())));
    }

    [Fact]
    public void Uncovered_now_is_zero_not_negative_when_deliveries_exceed_the_shortfall()
    {
        var ledger = new LedgerBuilder().Loss("100");
        ledger.Transfer(null, ledger.Eth, "150");

        var figures = ledger.Compute();

        Assert.Equal("150", figures.DeliveredEth.ToString());
        Assert.Equal("0", figures.UncoveredNowEth.ToString());
        Assert.Equal("0", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public void Uncovered_if_all_arrive_is_zero_when_pledges_exceed_the_gap()
    {
        var ledger = new LedgerBuilder().Loss("1000");
        ledger.Pledge("Aave DAO", "800", ledger.Eth, PledgeStatus.Committed);
        ledger.Pledge("Consensys", "500", ledger.Eth, PledgeStatus.Proposed);

        var figures = ledger.Compute();

        Assert.Equal("1000", figures.UncoveredNowEth.ToString());
        Assert.Equal("0", figures.UncoveredIfAllArriveEth.ToString());
        // After the loss and the subtotal, the bars stop at zero rather than going below it.
        Assert.Equal([("1000", "1000"), ("1000", "200"), ("200", "0"), ("0", "0")],
            figures.Waterfall.Skip(2).Select(s => (s.Start.ToString(), s.End.ToString())));
    }
}
