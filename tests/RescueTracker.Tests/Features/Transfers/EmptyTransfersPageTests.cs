using AngleSharp.Html.Parser;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Transfers;

/// <summary>An empty /transfers says why: nothing read yet on the shipped seed, or a filter that matches nothing.</summary>
public class EmptyTransfersPageTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Without_a_filter_an_empty_list_says_nothing_has_been_read_yet_and_links_the_status()
    {
        var page = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/transfers"));

        var empty = page.QuerySelector("p.empty")!;
        Assert.StartsWith("No transfer has been read yet.", empty.TextContent.Trim());
        Assert.Equal("/status", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task With_a_filter_an_empty_list_says_the_filter_matches_nothing()
    {
        var page = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/transfers?status=pending"));

        Assert.Equal("No transfer matches this filter.", page.QuerySelector("p.empty")!.TextContent.Trim());
    }

    [Fact]
    public async Task Paging_alone_is_not_a_filter()
    {
        var page = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/transfers?limit=10&offset=0"));

        Assert.StartsWith("No transfer has been read yet.", page.QuerySelector("p.empty")!.TextContent.Trim());
    }
}
