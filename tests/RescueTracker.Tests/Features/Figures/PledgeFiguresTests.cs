using RescueTracker.Data;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>R(p), outstanding and pledged for single pledges in each state.</summary>
public class PledgeFiguresTests
{
    private readonly LedgerBuilder _ledger = new LedgerBuilder().Loss("10000");

    [Fact]
    public void Withdrawn_pledge_is_not_pledged_or_outstanding_but_its_received_money_is_delivered()
    {
        var withdrawn = _ledger.Pledge("Pulled out", "300", _ledger.Eth, PledgeStatus.Withdrawn);
        _ledger.Pledge("Still in", "200", _ledger.Eth, PledgeStatus.Committed);
        _ledger.Transfer(withdrawn, _ledger.Eth, "100");

        var figures = _ledger.Compute();

        Assert.Equal("200", figures.PledgedEth.ToString());
        Assert.Equal("200", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("0", figures.OutstandingProposedEth.ToString());
        Assert.Equal("100", figures.DeliveredEth.ToString());
        Assert.Equal("0", figures.UnattributedEth.ToString());
        var row = figures.Pledges.Single(p => p.Id == withdrawn.Id);
        Assert.Equal("100", row.ReceivedEth.ToString());
        Assert.Equal("0", row.OutstandingEth.ToString());
    }

    [Fact]
    public void Pledge_without_an_amount_adds_nothing_to_any_figure()
    {
        _ledger.Pledge("Named amount", "200", _ledger.Eth, PledgeStatus.Committed);
        _ledger.Pledge("Ethena", null, null, PledgeStatus.Committed);
        _ledger.Pledge("Tydra", null, null, PledgeStatus.Proposed);

        var figures = _ledger.Compute();

        Assert.Equal("200", figures.PledgedEth.ToString());
        Assert.Equal("200", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("0", figures.OutstandingProposedEth.ToString());
        Assert.Equal("9800", figures.UncoveredIfAllArriveEth.ToString());
        var supporter = figures.Pledges.Single(p => p.Pledger == "Ethena");
        Assert.Null(supporter.Amount);
        Assert.Null(supporter.AmountEth);
        Assert.Equal("0", supporter.OutstandingEth.ToString());
        Assert.False(supporter.IsPartial);
        Assert.False(supporter.IsOverDelivered);
    }

    [Fact]
    public void Partly_received_pledge_is_partial_and_only_the_rest_is_outstanding()
    {
        var pledge = _ledger.Pledge("Stani", "5000", _ledger.Eth, PledgeStatus.Committed);
        // One pledge may arrive in several transfers.
        _ledger.Transfer(pledge, _ledger.Eth, "1200").Transfer(pledge, _ledger.Eth, "300");

        var figures = _ledger.Compute();

        var row = figures.Pledges.Single();
        Assert.Equal("1500", row.Received.ToString());
        Assert.True(row.IsPartial);
        Assert.False(row.IsOverDelivered);
        Assert.Equal("3500", row.OutstandingEth.ToString());
        Assert.Equal("3500", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("1500", figures.DeliveredEth.ToString());
        Assert.Equal("8500", figures.UncoveredNowEth.ToString());
        Assert.Equal("5000", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public void Pledge_received_in_full_is_neither_partial_nor_over_delivered()
    {
        var pledge = _ledger.Pledge("Golem", "1000", _ledger.Eth, PledgeStatus.Proposed);
        _ledger.Transfer(pledge, _ledger.Eth, "1000");

        var row = _ledger.Compute().Pledges.Single();

        Assert.False(row.IsPartial);
        Assert.False(row.IsOverDelivered);
        Assert.Equal("0", row.OutstandingEth.ToString());
    }

    [Fact]
    public void Over_delivery_counts_in_full_is_flagged_and_leaves_nothing_outstanding()
    {
        var pledge = _ledger.Pledge("Generous", "1000", _ledger.Eth, PledgeStatus.Committed);
        _ledger.Transfer(pledge, _ledger.Eth, "1200");

        var figures = _ledger.Compute();

        var row = figures.Pledges.Single();
        Assert.Equal("1200", row.ReceivedEth.ToString());
        Assert.True(row.IsOverDelivered);
        Assert.False(row.IsPartial);
        Assert.Equal("0", row.OutstandingEth.ToString());
        Assert.Equal("0", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("1200", figures.DeliveredEth.ToString());
        Assert.Equal("8800", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public void Off_chain_delivery_counts_toward_received_alongside_transfers()
    {
        var pledge = _ledger.Pledge("Wired", "1000", _ledger.Eth, PledgeStatus.Committed);
        _ledger.Offchain(pledge, "400").Transfer(pledge, _ledger.Eth, "100");

        var figures = _ledger.Compute();

        var row = figures.Pledges.Single();
        Assert.Equal("500", row.Received.ToString());
        Assert.Equal("400", row.ReceivedOffchain.ToString());
        Assert.Equal("500", row.ReceivedEth.ToString());
        Assert.Equal("500", row.OutstandingEth.ToString());
        Assert.True(row.IsPartial);
        Assert.Equal("500", figures.DeliveredEth.ToString());
        Assert.Equal("0", figures.UnattributedEth.ToString());
    }
}
