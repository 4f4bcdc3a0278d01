using System.Numerics;
using RescueTracker.Data;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>ETH-eq is token units times the asset's current rate, exactly, whatever the decimals.</summary>
public class RateAndDecimalsFiguresTests
{
    private readonly LedgerBuilder _ledger = new LedgerBuilder().Loss("10000");

    [Fact]
    public void Pledge_in_an_asset_at_rate_0_98_counts_at_that_rate()
    {
        var stEth = _ledger.AddAsset("stETH", 18, "0.98");
        _ledger.Pledge("Lido Finance", "2500", stEth, PledgeStatus.Proposed);

        var figures = _ledger.Compute();

        var row = figures.Pledges.Single();
        Assert.Equal("2500", row.Amount.ToString());
        Assert.Equal("2450", row.AmountEth.ToString());
        Assert.Equal("2450", figures.PledgedEth.ToString());
        Assert.Equal("2450", figures.OutstandingProposedEth.ToString());
        Assert.Equal("7550", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public void One_wei_at_rate_0_98_is_exact_with_no_rounding()
    {
        var stEth = _ledger.AddAsset("stETH", 18, "0.98");
        _ledger.TransferBaseUnits(null, stEth, BigInteger.One);

        var figures = _ledger.Compute();

        Assert.Equal("0.00000000000000000098", figures.DeliveredEth.ToString());
        Assert.Equal("9999.99999999999999999902", figures.UncoveredNowEth.ToString());
    }

    [Fact]
    public void Received_at_a_non_1_rate_is_valued_at_that_rate_and_outstanding_too()
    {
        var stEth = _ledger.AddAsset("stETH", 18, "0.98");
        var pledge = _ledger.Pledge("Lido Finance", "2500", stEth, PledgeStatus.Committed);
        _ledger.Transfer(pledge, stEth, "1000");

        var figures = _ledger.Compute();

        var row = figures.Pledges.Single();
        Assert.Equal("1000", row.Received.ToString());
        Assert.Equal("980", row.ReceivedEth.ToString());
        Assert.Equal("1470", row.OutstandingEth.ToString());
        Assert.Equal("980", figures.DeliveredEth.ToString());
    }

    [Fact]
    public void Six_decimal_token_amounts_use_the_tokens_own_decimals()
    {
        var usdc = _ledger.AddAsset("USDC", 6, "0.0004");
        var pledge = _ledger.Pledge("Tether", "1000", usdc, PledgeStatus.Committed);
        _ledger.TransferBaseUnits(pledge, usdc, 250_500_000);

        var figures = _ledger.Compute();

        var row = figures.Pledges.Single();
        Assert.Equal("1000", row.Amount.ToString());
        Assert.Equal("0.4", row.AmountEth.ToString());
        Assert.Equal("250.5", row.Received.ToString());
        Assert.Equal("0.1002", row.ReceivedEth.ToString());
        Assert.Equal("0.2998", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("0.4", figures.PledgedEth.ToString());
        Assert.Equal("0.1002", figures.DeliveredEth.ToString());
    }
}
