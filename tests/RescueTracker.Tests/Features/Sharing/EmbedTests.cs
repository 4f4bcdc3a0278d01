using System.Net;
using AngleSharp.Html.Parser;
using RescueTracker.Hosting;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Sharing;

/// <summary>/embed: the headline figures as static HTML without the site's frame, and the only answer other sites may frame.</summary>
public class EmbedTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Embed_is_the_headline_figures_alone_without_script_header_or_footer_and_links_to_the_dashboard()
    {
        var response = await app.CreateClient().GetAsync("/embed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("header, footer, nav"));
        Assert.Equal(
            ["Uncovered now", "Uncovered if every pledge arrives", "Shortfall", "Delivered"],
            page.QuerySelectorAll("dt").Select(e => e.TextContent));
        Assert.Equal(["68,900 ETH", "25,400 ETH", "68,900 ETH", "0 ETH"], page.QuerySelectorAll("dd").Select(e => e.TextContent));
        var link = Assert.Single(page.QuerySelectorAll("a"));
        Assert.Equal("http://localhost/", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Theory]
    [InlineData("/embed")]
    [InlineData("/embed/")]
    [InlineData("/Embed")]
    [InlineData("/embed?utm=x")]
    public async Task Embed_may_be_framed_by_any_site(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.EmbeddableContentSecurityPolicy, csp);
        Assert.EndsWith("frame-ancestors *", csp);
        Assert.DoesNotContain("frame-ancestors 'none'", csp);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/", 200)]
    [InlineData("/pledges", 200)]
    [InlineData("/pledges/1", 200)]
    [InlineData("/transfers", 200)]
    [InlineData("/status", 200)]
    [InlineData("/admin/login", 200)]
    [InlineData("/pledges/999", 404)]
    [InlineData("/no-such-page", 404)]
    [InlineData("/embed/card", 404)]
    [InlineData("/embedded", 404)]
    [InlineData("/api/summary", 200)]
    [InlineData("/api/pledges", 200)]
    [InlineData("/api/pledges/abc", 400)]
    [InlineData("/api/pledges/999", 404)]
    [InlineData("/api/export/pledges.csv", 200)]
    [InlineData("/feed.atom", 200)]
    [InlineData("/feed.atom?pledgeId=x", 400)]
    [InlineData("/badge.svg", 200)]
    [InlineData("/badge.svg?figure=x", 400)]
    [InlineData("/openapi/v1.json", 200)]
    [InlineData("/healthz", 200)]
    [InlineData("/css/site.css", 200)]
    [InlineData("/favicon.svg", 200)]
    public async Task Every_other_response_forbids_framing(string path, int status)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}
