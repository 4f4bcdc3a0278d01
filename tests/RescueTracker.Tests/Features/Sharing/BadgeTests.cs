using System.Net;
using System.Numerics;
using System.Xml.Linq;
using RescueTracker.Hosting.Caching;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Sharing;

/// <summary>/badge.svg: an SVG document for each figure in whole ETH, rounded against the coverage, and a 400 for any other figure.</summary>
public class BadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_badge_of_each_figure_on_the_seed_and_after_a_delivery_rounds_so_as_never_to_overstate_coverage()
    {
        await using var app = new TestApp(new TestAppOptions { ReconcilerLoop = false }).Started();
        var client = app.CreateClient();

        Assert.Equal(("uncovered", "68,900 ETH of 68,900"), await TextsAsync(client, "/badge.svg"));
        Assert.Equal(("uncovered", "68,900 ETH of 68,900"), await TextsAsync(client, "/badge.svg?figure=uncoveredNow"));
        Assert.Equal(("uncovered if all arrive", "25,400 ETH of 68,900"), await TextsAsync(client, "/badge.svg?figure=uncoveredIfAllArrive"));
        Assert.Equal(("delivered", "0 ETH of 68,900"), await TextsAsync(client, "/badge.svg?figure=delivered"));

        // 1,000.5 ETH arrives toward EtherFi: 67,899.5 uncovered shows as 67,900, the delivered 1,000.5 as 1,000.
        await app.AddTransferAsync("ETH", 1000 * BigInteger.Pow(10, 18) + BigInteger.Pow(10, 17) * 5, await app.PledgeIdAsync("EtherFi Foundation"));
        await app.RefreshFiguresAsync();

        Assert.Equal(("uncovered", "67,900 ETH of 68,900"), await TextsAsync(client, "/badge.svg"));
        Assert.Equal(("uncovered if all arrive", "25,400 ETH of 68,900"), await TextsAsync(client, "/badge.svg?figure=uncoveredIfAllArrive"));
        Assert.Equal(("delivered", "1,000 ETH of 68,900"), await TextsAsync(client, "/badge.svg?figure=delivered"));
    }

    [Fact]
    public async Task The_badge_is_a_cacheable_svg_whose_width_follows_its_text()
    {
        await using var app = new TestApp(new TestAppOptions { ReconcilerLoop = false }).Started();
        var client = app.CreateClient();

        var narrow = await client.GetAsync("/badge.svg");
        var wide = await client.GetAsync("/badge.svg?figure=uncoveredIfAllArrive");

        Assert.Equal("image/svg+xml", narrow.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PublicCacheAttribute.SharedCacheControl, narrow.Headers.CacheControl?.ToString());
        Assert.NotNull(narrow.Headers.ETag);
        var (narrowSvg, wideSvg) = (XDocument.Parse(await narrow.Content.ReadAsStringAsync()).Root!, XDocument.Parse(await wide.Content.ReadAsStringAsync()).Root!);
        Assert.Equal("uncovered: 68,900 ETH of 68,900", narrowSvg.Element(Svg + "title")?.Value);
        Assert.Equal("img", narrowSvg.Attribute("role")?.Value);
        Assert.True(int.Parse(wideSvg.Attribute("width")!.Value) > int.Parse(narrowSvg.Attribute("width")!.Value));
        Assert.Equal($"0 0 {narrowSvg.Attribute("width")!.Value} 20", narrowSvg.Attribute("viewBox")?.Value);
    }

    [Theory]
    [InlineData("pledged")]
    [InlineData("UncoveredNow")]
    [InlineData("")]
    [InlineData("<script>")]
    public async Task Another_figure_is_a_400_problem_naming_the_parameter(string figure)
    {
        await using var app = new TestApp(new TestAppOptions { ReconcilerLoop = false }).Started();

        var response = await app.CreateClient().GetAsync($"/badge.svg?figure={Uri.EscapeDataString(figure)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("figure", (await Json.ReadAsync(response)).Str("parameter"));
    }

    private static async Task<(string Label, string Value)> TextsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(2, texts.Count);
        return (texts[0], texts[1]);
    }
}
