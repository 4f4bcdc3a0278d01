using Bunit;
using RescueTracker.Chain;
using RescueTracker.Components.Charts;
using RescueTracker.Data;
using RescueTracker.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Components;

/// <summary>
/// The coverage chart on a known history: the seed's figures, the shortfall revised a day later, a first delivery of
/// 249.999999999999999998 ETH a day after that, the figures standing until four days after the first revision. The
/// plot is 968 px wide from x=16 and 220 px tall above y=248, its top the largest value drawn (75,081 ETH).
/// </summary>
public class CoverageChartTests : ComponentTest
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);

    private static FigureRevision Revision(DateTimeOffset at, string shortfall, string delivered, string committed, string proposed) => new()
    {
        At = at, ShortfallEth = ExactDecimal.Parse(shortfall), DeliveredEth = ExactDecimal.Parse(delivered),
        OutstandingCommittedEth = ExactDecimal.Parse(committed), OutstandingProposedEth = ExactDecimal.Parse(proposed),
        PledgedEth = ExactDecimal.Parse("43500"), UncoveredNowEth = ExactDecimal.Zero, UncoveredIfAllArriveEth = ExactDecimal.Zero, Blocks = "{}",
    };

    private static readonly FigureRevision[] Known =
    [
        Revision(T0, "68900", "0", "6000", "37500"),
        Revision(T0.AddDays(1), "75081", "0", "6000", "37500"),
        Revision(T0.AddDays(2), "75081", "249.999999999999999998", "6000", "37500"),
    ];

    private static CoverageSeries Series(IReadOnlyList<FigureRevision> revisions, int buckets = CoverageChart.Buckets)
    {
        var series = new CoverageBuckets(revisions[0].At, revisions[^1].At, buckets);
        foreach (var revision in revisions) series.Add(revision);
        return series.ToSeries();
    }

    private IRenderedComponent<CoverageChart> RenderChart(CoverageSeries series, DateTimeOffset until) =>
        Render<CoverageChart>(chart => chart.Add(p => p.Series, series).Add(p => p.Until, until));

    private static string Path(IRenderedComponent<CoverageChart> chart, string @class) => chart.Find($"svg.coverage-svg path.{@class}").GetAttribute("d")!;

    [Fact]
    public void A_known_history_draws_the_shortfall_as_its_own_step_line_and_the_stacked_figures_as_step_areas()
    {
        var chart = RenderChart(Series(Known), T0.AddDays(4));

        Assert.Equal("M16 46.11 H258 V28 H500 V28 H984", Path(chart, "line-shortfall"));
        Assert.Equal("M16 248 V248 H258 V248 H500 V247.27 H984 V248 Z", Path(chart, "area-delivered"));
        Assert.Equal("M16 248 V230.42 H258 V230.42 H500 V229.69 H984 V248 Z", Path(chart, "area-committed"));
        Assert.Equal("M16 248 V120.54 H258 V120.54 H500 V119.81 H984 V248 Z", Path(chart, "area-proposed"));
        Assert.Equal(["75,081 ETH", "2026-04-25T12:00:00Z", "2026-04-29T12:00:00Z"], chart.FindAll("svg text.tick").Select(t => t.TextContent));
    }

    [Fact]
    public void Each_step_has_a_tooltip_and_a_table_row_with_its_exact_figures()
    {
        var chart = RenderChart(Series(Known), T0.AddDays(4));

        var bands = chart.FindAll("svg rect.band");
        Assert.Equal(["16", "258", "500"], bands.Select(b => b.GetAttribute("x")));
        Assert.Equal(["242", "242", "484"], bands.Select(b => b.GetAttribute("width")));
        Assert.Equal(
            "From 2026-04-27T12:00:00Z: shortfall 75,081 ETH; delivered 249.999999999999999998 ETH; committed 6,000 ETH; proposed 37,500 ETH; " +
            "uncovered if every pledge arrives 31,331.000000000000000002 ETH",
            bands[2].QuerySelector("title")!.TextContent);
        var rows = chart.FindAll(".coverage-table tbody tr")
            .Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            "2026-04-25T12:00:00Z | 68,900 ETH | 0 ETH | 6,000 ETH | 37,500 ETH",
            "2026-04-26T12:00:00Z | 75,081 ETH | 0 ETH | 6,000 ETH | 37,500 ETH",
            "2026-04-27T12:00:00Z | 75,081 ETH | 249.999999999999999998 ETH | 6,000 ETH | 37,500 ETH",
        ], rows);
    }

    [Fact]
    public void The_chart_is_an_image_with_a_title_a_description_and_links_to_the_whole_history()
    {
        var chart = RenderChart(Series(Known), T0.AddDays(4));
        var svg = chart.Find("svg.coverage-svg");

        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Coverage over time: delivered, committed and proposed against the shortfall", svg.QuerySelector("title")!.TextContent);
        Assert.Equal(svg.GetAttribute("aria-label"), svg.QuerySelector("desc")!.TextContent);
        Assert.Contains("over 3 recorded revisions, the shortfall moved from 68,900 ETH to 75,081 ETH, delivered from 0 ETH to 249.999999999999999998 ETH",
            svg.GetAttribute("aria-label"));
        Assert.Equal(["/api/history/figures", "/api/export/history.csv"], chart.FindAll("figcaption a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void One_revision_is_a_flat_step_across_the_whole_chart()
    {
        var chart = RenderChart(Series(Known[..1]), T0);

        Assert.Equal("M16 28 H984", Path(chart, "line-shortfall"));
        Assert.Equal("M16 248 V109.1 H984 V248 Z", Path(chart, "area-proposed"));
        var band = Assert.Single(chart.FindAll("svg rect.band"));
        Assert.Equal(("16", "968"), (band.GetAttribute("x"), band.GetAttribute("width")));
    }

    [Fact]
    public void Thousands_of_revisions_are_cut_to_one_point_per_time_slice_keeping_the_first_and_the_last()
    {
        var revisions = Enumerable.Range(0, 5000)
            .Select(i => Revision(T0.AddMinutes(7 * i), (68_900 + i).ToString(), i.ToString(), "6000", "37500"))
            .ToList();

        var series = Series(revisions);
        var chart = RenderChart(series, revisions[^1].At);

        Assert.Equal(5000, series.Revisions);
        Assert.Equal(CoverageChart.Buckets + 1, series.Points.Count);
        Assert.Equal(("68900", "0"), (series.Points[0].Shortfall.ToString(), series.Points[0].Delivered.ToString()));
        Assert.Equal(("73899", "4999", revisions[^1].At), (series.Points[^1].Shortfall.ToString(), series.Points[^1].Delivered.ToString(), series.Points[^1].At));
        Assert.True(series.Points.Zip(series.Points.Skip(1)).All(p => p.First.At < p.Second.At));
        Assert.Equal(CoverageChart.Buckets + 1, chart.FindAll("svg rect.band").Count);
        Assert.Contains("121 of 5,000 revisions drawn", chart.Find("figcaption").TextContent);
    }

    [Fact]
    public void Each_time_slice_keeps_its_last_revision_the_figures_as_they_stood_when_it_ended()
    {
        // Four slices of a day: 0-6h, 6-12h, 12-18h, 18-24h.
        var revisions = new[] { 0, 1, 2, 7, 8, 13, 24 }
            .Select(h => Revision(T0.AddHours(h), "68900", h.ToString(), "0", "0")).ToList();

        var series = Series(revisions, buckets: 4);

        Assert.Equal(["0", "2", "8", "13", "24"], series.Points.Select(p => p.Delivered.ToString()));
        Assert.Equal(7, series.Revisions);
        Assert.True(series.Downsampled);
    }
}
