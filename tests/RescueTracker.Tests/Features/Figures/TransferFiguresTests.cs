using RescueTracker.Data;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>Which transfers count, and where: confirmed vs pending, attributed vs not.</summary>
public class TransferFiguresTests
{
    private readonly LedgerBuilder _ledger = new LedgerBuilder().Loss("10000");

    [Fact]
    public void Pending_transfers_count_nowhere()
    {
        var pledge = _ledger.Pledge("Mantle", "1000", _ledger.Eth, PledgeStatus.Committed);
        _ledger.Transfer(pledge, _ledger.Eth, "400", confirmed: false).Transfer(null, _ledger.Eth, "50", confirmed: false);

        var figures = _ledger.Compute();

        Assert.Equal("0", figures.DeliveredEth.ToString());
        Assert.Equal("0", figures.UnattributedEth.ToString());
        Assert.Equal("1000", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("0", figures.Pledges.Single().Received.ToString());
        Assert.False(figures.Pledges.Single().IsPartial);
    }

    [Fact]
    public void Unattributed_inflows_count_in_delivered()
    {
        var pledge = _ledger.Pledge("EtherFi", "5000", _ledger.Eth, PledgeStatus.Proposed);
        _ledger.Transfer(null, _ledger.Eth, "250").Transfer(pledge, _ledger.Eth, "1000");

        var figures = _ledger.Compute();

        Assert.Equal("250", figures.UnattributedEth.ToString());
        Assert.Equal("1250", figures.DeliveredEth.ToString());
        Assert.Equal("4000", figures.OutstandingProposedEth.ToString());
        Assert.Equal("8750", figures.UncoveredNowEth.ToString());
        Assert.Equal("4750", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public void Transfer_attributed_to_a_pledge_in_another_asset_counts_as_unattributed()
    {
        var weth = _ledger.AddAsset("WETH", 18, "1");
        var pledge = _ledger.Pledge("Stani", "1000", _ledger.Eth, PledgeStatus.Committed);
        _ledger.Transfer(pledge, weth, "100");

        var figures = _ledger.Compute();

        Assert.Equal("0", figures.Pledges.Single().Received.ToString());
        Assert.Equal("1000", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("100", figures.UnattributedEth.ToString());
        Assert.Equal("100", figures.DeliveredEth.ToString());
    }

    [Fact]
    public void Transfer_attributed_to_a_supporter_without_an_amount_still_counts_as_money_in()
    {
        var supporter = _ledger.Pledge("Ethena", null, null, PledgeStatus.Proposed);
        _ledger.Transfer(supporter, _ledger.Eth, "75");

        var figures = _ledger.Compute();

        Assert.Equal("75", figures.DeliveredEth.ToString());
        Assert.Equal("0", figures.OutstandingProposedEth.ToString());
    }
}
