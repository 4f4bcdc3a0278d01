using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using RescueTracker.Chain;
using RescueTracker.Components.Charts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Components;

public class ProgressBarTests : ComponentTest
{
    private Task<IDocument> RenderAsync(string shortfall, string delivered, string committed, string proposed) =>
        Task.FromResult(Components.Render.Parse(Render<ProgressBar>(bar => bar
            .Add(p => p.Shortfall, ExactDecimal.Parse(shortfall))
            .Add(p => p.Delivered, ExactDecimal.Parse(delivered))
            .Add(p => p.Committed, ExactDecimal.Parse(committed))
            .Add(p => p.Proposed, ExactDecimal.Parse(proposed))).Markup));

    private static double Width(IDocument document, string kind) =>
        double.Parse(document.QuerySelector($"rect.seg-{kind}")!.GetAttribute("width")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Segment_widths_are_svg_attributes_proportional_to_the_shortfall()
    {
        var document = await RenderAsync("68900", "1000", "6000", "37500");

        Assert.Equal(1000, Width(document, "uncovered"));
        Assert.Equal(14.51, Width(document, "delivered"));
        Assert.Equal(87.08, Width(document, "committed"));
        Assert.Equal(544.27, Width(document, "proposed"));
        Assert.Equal("101.6", document.QuerySelector("rect.seg-proposed")!.GetAttribute("x"));
        Components.Render.AssertCspSafe(document);
    }

    [Fact]
    public async Task Nothing_delivered_draws_no_delivered_segment_and_says_zero_percent()
    {
        var document = await RenderAsync("68900", "0", "6000", "37500");

        Assert.Null(document.QuerySelector("rect.seg-delivered"));
        Assert.StartsWith("0 ETH delivered of the 68,900 ETH shortfall (0%)", document.QuerySelector("svg")!.GetAttribute("aria-label"));
        Assert.Contains("63% would be covered", document.QuerySelector("svg")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Segments_stop_at_the_end_of_the_bar_when_more_than_the_shortfall_arrives()
    {
        var document = await RenderAsync("68900", "70000", "6000", "0");

        Assert.Equal(1000, Width(document, "delivered"));
        Assert.Null(document.QuerySelector("rect.seg-committed"));
        Assert.Contains("(100%)", document.QuerySelector("svg")!.GetAttribute("aria-label"));
    }
}
