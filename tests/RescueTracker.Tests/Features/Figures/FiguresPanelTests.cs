using System.Numerics;
using Bunit;
using RescueTracker.Chain;
using RescueTracker.Features.Figures;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Figures;

public class FiguresPanelTests : AdminComponentTest
{
    private static ExactDecimal Figure(IRenderedComponent<FiguresPanel> panel, string kind) =>
        ExactDecimal.Parse(panel.Find($".figure-{kind} data").GetAttribute("value")!);

    [Fact]
    public void The_panel_shows_the_six_figures_exactly_as_computed()
    {
        var figures = Database.Figures.Current;

        var panel = Render<FiguresPanel>();

        Assert.Equal(
            [figures.ShortfallEth, figures.DeliveredEth, figures.OutstandingCommittedEth, figures.OutstandingProposedEth, figures.UncoveredNowEth,
             figures.UncoveredIfAllArriveEth],
            new[] { "shortfall", "delivered", "committed", "proposed", "uncovered-now", "uncovered-if-all" }.Select(k => Figure(panel, k)));
        Assert.Equal(["Shortfall", "Delivered", "Outstanding committed", "Outstanding proposed", "Uncovered now", "Uncovered if every pledge arrives"],
            panel.FindAll("dt").Select(d => d.TextContent.Trim()));
        Assert.Equal("6,000 ETH", panel.Find(".figure-committed dd").TextContent.Trim());
    }

    [Fact]
    public async Task The_panel_follows_a_transfer_the_reconciler_stores_without_being_asked()
    {
        var panel = Render<FiguresPanel>();
        var delivered = Figure(panel, "delivered");
        var pledge = await Database.PledgeAsync("Golem Foundation");

        // What the reconciler does for an ingested range: store the transfer, then refresh the figures.
        await Database.AddTransferAsync(pledge.Id, pledge.AssetId!.Value, BigInteger.Parse("12500000000000000000"));
        await Database.Figures.RefreshAsync();

        panel.WaitForAssertion(() => Assert.Equal(delivered + ExactDecimal.Parse("12.5"), Figure(panel, "delivered")), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_disposed_panel_stops_listening_and_a_later_refresh_is_harmless()
    {
        var panel = Render<FiguresPanel>();
        var renders = panel.RenderCount;
        await Database.Figures.RefreshAsync();
        panel.WaitForAssertion(() => Assert.Equal(renders + 1, panel.RenderCount));

        panel.Instance.Dispose();
        await Database.Figures.RefreshAsync();

        Assert.Equal(renders + 1, panel.RenderCount);
        Assert.Empty(Logs.Entries);
    }
}
