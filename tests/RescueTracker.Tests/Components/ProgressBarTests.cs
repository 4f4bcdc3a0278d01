using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using RescueTracker.Chain;
using RescueTracker.Components.Charts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Components;

public class ProgressBarTests : ComponentTest
{
    private IRenderedComponent<ProgressBar> RenderBar(string shortfall, string delivered, string committed, string proposed) =>
        Render<ProgressBar>(bar => bar
            .Add(p => p.Shortfall, ExactDecimal.Parse(shortfall))
            .Add(p => p.Delivered, ExactDecimal.Parse(delivered))
            .Add(p => p.Committed, ExactDecimal.Parse(committed))
            .Add(p => p.Proposed, ExactDecimal.Parse(proposed)));

    private static double Width(IRenderedComponent<ProgressBar> document, string kind) =>
        double.Parse(document.Find($"rect.seg-{kind}").GetAttribute("width")!, CultureInfo.InvariantCulture);

    [Fact]
    public void Segment_widths_are_svg_attributes_proportional_to_the_shortfall()
    {
        var document = RenderBar("68900", "1000", "6000", "37500");

        Assert.Equal(1000, Width(document, "uncovered"));
        Assert.Equal(14.51, Width(document, "delivered"));
        Assert.Equal(87.08, Width(document, "committed"));
        Assert.Equal(544.27, Width(document, "proposed"));
        Assert.Equal("101.6", document.Find("rect.seg-proposed")!.GetAttribute("x"));
        Html.AssertNoScript(document.Nodes.OfType<IElement>());
    }

    [Fact]
    public void Nothing_delivered_draws_no_delivered_segment_and_says_zero_percent()
    {
        var document = RenderBar("68900", "0", "6000", "37500");

        Assert.Null(document.FindAll("rect.seg-delivered").SingleOrDefault());
        Assert.StartsWith("0 ETH delivered of the 68,900 ETH shortfall (0%)", document.Find("svg")!.GetAttribute("aria-label"));
        Assert.Contains("63% would be covered", document.Find("svg")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Segments_stop_at_the_end_of_the_bar_when_more_than_the_shortfall_arrives()
    {
        var document = RenderBar("68900", "70000", "6000", "0");

        Assert.Equal(1000, Width(document, "delivered"));
        Assert.Null(document.FindAll("rect.seg-committed").SingleOrDefault());
        Assert.Contains("(100%)", document.Find("svg")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Percentages_are_written_out_above_the_bar_and_in_the_legend()
    {
        var document = RenderBar("68900", "1000", "6000", "37500");

        Assert.Equal("1% of the shortfall delivered; 64% covered if every pledge arrives.", document.Find(".progress-percent").Text());
        Assert.Equal(
            ["Delivered 1,000 ETH (1%)", "Committed, not yet arrived 6,000 ETH (8%)", "Proposed, awaiting a vote 37,500 ETH (54%)", "Shortfall 68,900 ETH"],
            document.FindAll(".legend li").Select(li => li.Text()));
    }
}
