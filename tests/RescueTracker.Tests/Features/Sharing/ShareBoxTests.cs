using AngleSharp.Html.Parser;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Sharing;

/// <summary>The dashboard's share box: the badge and the code to paste it and the embed card elsewhere, with this host's absolute URLs.</summary>
public class ShareBoxTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_dashboard_shows_the_badge_and_its_markdown_html_and_iframe_code_with_absolute_urls()
    {
        var page = new HtmlParser().ParseDocument(await app.GetHtmlAsync("/"));

        var box = page.QuerySelector("section[aria-labelledby=share-heading]")!;
        Assert.Equal("Share / embed", box.QuerySelector("h2")!.TextContent);
        var badge = box.QuerySelector("img")!;
        Assert.Equal("http://localhost/badge.svg", badge.GetAttribute("src"));
        Assert.Equal("uncovered 68,900 ETH of 68,900", badge.GetAttribute("alt"));
        Assert.Equal(
            [
                "[![uncovered 68,900 ETH of 68,900](http://localhost/badge.svg)](http://localhost/)",
                "<a href=\"http://localhost/\"><img src=\"http://localhost/badge.svg\" alt=\"uncovered 68,900 ETH of 68,900\" height=\"20\"></a>",
                "<iframe src=\"http://localhost/embed\" title=\"What is still uncovered\" width=\"640\" height=\"300\" style=\"border:0\"></iframe>",
            ],
            box.QuerySelectorAll("pre > code").Select(c => c.TextContent));
        Assert.Contains(box.QuerySelectorAll("a"), a => a.GetAttribute("href") == "http://localhost/feed.atom");
    }

    [Fact]
    public async Task The_urls_follow_the_host_the_visitor_used()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://127.0.0.1:8443") });
        var page = new HtmlParser().ParseDocument(await (await client.GetAsync("/")).Content.ReadAsStringAsync());

        Assert.Equal("https://127.0.0.1:8443/badge.svg", page.QuerySelector("section[aria-labelledby=share-heading] img")!.GetAttribute("src"));
    }
}
