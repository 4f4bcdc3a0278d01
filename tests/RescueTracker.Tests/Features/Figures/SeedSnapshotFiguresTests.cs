using RescueTracker.Features.Figures;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>The 2026-04-25 snapshot must give exactly the figures the acceptance criteria quote.</summary>
public class SeedSnapshotFiguresTests
{
    private readonly RescueFigures _figures = LedgerBuilder.DefiUnited().Compute();

    [Fact]
    public void Seed_snapshot_gives_the_published_headline_figures()
    {
        Assert.Equal("68900", _figures.ShortfallEth.ToString());
        Assert.Equal("0", _figures.DeliveredEth.ToString());
        Assert.Equal("6000", _figures.OutstandingCommittedEth.ToString());
        Assert.Equal("37500", _figures.OutstandingProposedEth.ToString());
        Assert.Equal("43500", _figures.PledgedEth.ToString());
        Assert.Equal("0", _figures.UnattributedEth.ToString());
        Assert.Equal("68900", _figures.UncoveredNowEth.ToString());
        Assert.Equal("25400", _figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public void Seed_snapshot_splits_five_pledges_with_amounts_from_four_supporters()
    {
        Assert.Equal(["Mantle", "EtherFi Foundation", "Stani Kulechov (personal)", "Lido Finance", "Golem Foundation"],
            _figures.PledgesWithAmount.Select(p => p.Pledger));
        Assert.Equal(["Ethena", "LayerZero", "Ink Foundation", "Tydra"], _figures.Supporters.Select(p => p.Pledger));
    }

    [Fact]
    public void Seed_waterfall_steps_from_losses_through_pledges_to_uncovered()
    {
        var steps = _figures.Waterfall.Select(s => (s.Kind, Start: s.Start.ToString(), End: s.End.ToString())).ToList();

        Assert.Equal(
        [
            (WaterfallStepKind.Loss, "0", "99600"),
            (WaterfallStepKind.Recovery, "99600", "68900"),
            (WaterfallStepKind.Subtotal, "0", "68900"),
            (WaterfallStepKind.Delivered, "68900", "68900"),
            (WaterfallStepKind.Committed, "68900", "62900"),
            (WaterfallStepKind.Proposed, "62900", "25400"),
            (WaterfallStepKind.Remainder, "0", "25400"),
        ], steps);
    }

    [Fact]
    public void Seed_waterfall_step_amounts_are_the_bar_heights()
    {
        Assert.Equal(["99600", "30700", "68900", "0", "6000", "37500", "25400"],
            _figures.Waterfall.Select(s => s.Amount.ToString()));
    }

    [Fact]
    public void As_of_is_the_time_the_rescue_last_changed()
    {
        Assert.Equal(LedgerBuilder.UpdatedAt, _figures.AsOf);
    }
}
