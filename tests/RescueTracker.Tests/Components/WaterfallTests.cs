using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using RescueTracker.Components.Charts;
using RescueTracker.Features.Figures;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Components;

public class WaterfallTests : ComponentTest
{
    private IRenderedComponent<Waterfall> RenderChart(RescueFigures figures) =>
        Render<Waterfall>(chart => chart.Add(p => p.Steps, figures.Waterfall));

    private static double Attr(IElement element, string name) =>
        double.Parse(element.GetAttribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Seed_waterfall_draws_one_bar_per_step_from_loss_to_remainder()
    {
        var document = RenderChart(TestLedger.DefiUnited().Compute());

        var bars = document.FindAll("svg.waterfall-svg rect.bar");
        Assert.Equal(7, bars.Count);
        Assert.Equal(
            ["bar-loss", "bar-recovery", "bar-subtotal", "bar-delivered", "bar-committed", "bar-proposed", "bar-remainder"],
            bars.Select(b => b.ClassList.Single(c => c != "bar")));
    }

    [Fact]
    public void Loss_goes_up_recovery_comes_down_and_bar_heights_follow_the_amounts()
    {
        var document = RenderChart(TestLedger.DefiUnited().Compute());
        var bars = document.FindAll("svg.waterfall-svg rect.bar");
        var (loss, recovery, shortfall, remainder) = (bars[0], bars[1], bars[2], bars[6]);
        var baseline = Attr(loss, "y") + Attr(loss, "height");

        Assert.Equal(Attr(loss, "y"), Attr(recovery, "y"), 1);
        Assert.Equal(baseline, Attr(shortfall, "y") + Attr(shortfall, "height"), 1);
        Assert.Equal(30_700.0 / 99_600, Attr(recovery, "height") / Attr(loss, "height"), 2);
        Assert.Equal(68_900.0 / 99_600, Attr(shortfall, "height") / Attr(loss, "height"), 2);
        Assert.Equal(25_400.0 / 99_600, Attr(remainder, "height") / Attr(loss, "height"), 2);
    }

    [Fact]
    public void Chart_is_an_image_with_title_description_viewbox_and_a_label_summarising_the_figures()
    {
        var document = RenderChart(TestLedger.DefiUnited().Compute());
        var svg = document.Find("svg.waterfall-svg");

        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Matches(@"^0 0 \d+(\.\d+)? \d+(\.\d+)?$", svg.GetAttribute("viewBox") ?? svg.GetAttribute("viewbox"));
        Assert.NotNull(svg.QuerySelector("title"));
        var label = svg.GetAttribute("aria-label")!;
        Assert.Contains("+99,600 ETH", label);
        Assert.Contains("Shortfall 68,900 ETH", label);
        Assert.Contains("Committed, not yet arrived −6,000 ETH", label);
        Assert.Contains("Proposed, awaiting a vote −37,500 ETH", label);
        Assert.Contains("Uncovered if every pledge arrives 25,400 ETH", label);
        Assert.Equal(label, svg.QuerySelector("desc")!.TextContent);
    }

    [Fact]
    public void Data_table_gives_every_step_exactly_for_readers_who_cannot_see_the_chart()
    {
        var document = RenderChart(TestLedger.DefiUnited().Compute());
        var table = document.Find("details table");

        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(["Step", "Change", "Running total"], table.QuerySelectorAll("thead th").Select(th => th.Text()));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.Text()).ToArray()).ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal(["ETH withdrawn by borrowing against unbacked rsETH", "+99,600 ETH", "99,600 ETH"], rows[0]);
        Assert.Equal(["Frozen on Arbitrum by its Security Council", "−30,700 ETH", "68,900 ETH"], rows[1]);
        Assert.Equal(["Shortfall", "68,900 ETH", "68,900 ETH"], rows[2]);
        Assert.Equal(["Delivered", "0 ETH", "68,900 ETH"], rows[3]);
        Assert.Equal(["Committed, not yet arrived", "−6,000 ETH", "62,900 ETH"], rows[4]);
        Assert.Equal(["Proposed, awaiting a vote", "−37,500 ETH", "25,400 ETH"], rows[5]);
        Assert.Equal(["Uncovered if every pledge arrives", "25,400 ETH", "25,400 ETH"], rows[6]);
    }

    [Fact]
    public void Coordinates_use_dots_even_when_the_server_culture_uses_decimal_commas()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var document = RenderChart(TestLedger.DefiUnited().Compute());
            foreach (var rect in document.FindAll("svg rect"))
            {
                foreach (var name in new[] { "x", "y", "width", "height" })
                {
                    Assert.DoesNotContain(",", rect.GetAttribute(name));
                }
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void On_a_phone_the_same_steps_are_stacked_rows_of_text_each_with_a_bar_across()
    {
        var document = RenderChart(TestLedger.DefiUnited().Compute());

        var rows = document.FindAll("ol.waterfall-steps > li");
        Assert.Equal(
            [
                ("ETH withdrawn by borrowing against unbacked rsETH", "+99,600 ETH"), ("Frozen on Arbitrum by its Security Council", "−30,700 ETH"),
                ("Shortfall", "68,900 ETH"), ("Delivered", "0 ETH"), ("Committed, not yet arrived", "−6,000 ETH"),
                ("Proposed, awaiting a vote", "−37,500 ETH"), ("Uncovered if every pledge arrives", "25,400 ETH"),
            ],
            rows.Select(r => (r.QuerySelector(".step-label")!.Text(), r.QuerySelector(".step-value")!.Text())));
        // The recovery spans 68,900 to 99,600 of the 99,600 scale: it starts at 691.77 and is 308.23 wide.
        var recovery = rows[1].QuerySelector("rect")!;
        Assert.Equal(("691.77", "308.23"), (recovery.GetAttribute("x"), recovery.GetAttribute("width")));
        Assert.Equal("2", rows[3].QuerySelector("rect")!.GetAttribute("width"));
    }

    [Fact]
    public void Waterfall_has_no_script()
    {
        Html.AssertNoScript(RenderChart(TestLedger.DefiUnited().Compute()).Nodes.OfType<IElement>());
    }
}
