using System.Net;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>The HTML side as a browser sees it over HTTP, and the headers every response carries.</summary>
public class PagesAndHeadersTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Dashboard_shows_the_gap_and_what_stays_uncovered_with_thousands_separators()
    {
        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("68,900", html);
        Assert.Contains("25,400", html);
    }

    [Fact]
    public async Task Pledge_page_is_200_html()
    {
        var response = await app.CreateClient().GetAsync("/pledges/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Lido Finance", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/pledges/999")]
    [InlineData("/no-such-page")]
    public async Task Unknown_page_is_a_404_html_page(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not found", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Stylesheet_is_served_as_css()
    {
        var response = await app.CreateClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/pledges/1")]
    [InlineData("/pledges/999")]
    [InlineData("/api/summary")]
    [InlineData("/api/pledges/abc")]
    [InlineData("/api/pledges/999")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_content_security_policy_and_nosniff(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(RescueTracker.Hosting.SecurityHeaders.ContentSecurityPolicy, csp);
        // Styles may be inline (MudBlazor's theme); scripts never: no inline script, no eval.
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
