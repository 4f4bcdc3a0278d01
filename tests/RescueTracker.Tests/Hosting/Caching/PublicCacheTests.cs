using System.Net;
using RescueTracker.Hosting.Caching;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting.Caching;

/// <summary>Public pages and answers: stored after the first request, served again without a render, validated by ETag.</summary>
public class PublicCacheTests(TestApp app) : IClassFixture<TestApp>
{
    public static TheoryData<string> PublicPaths =>
    [
        "/", "/pledges", "/pledges?sort=pledger-asc&page=1", "/pledges/1", "/transfers", "/transfers?chainId=1", "/status",
        "/api/summary", "/api/pledges", "/api/pledges/1", "/api/transfers", "/api/status", "/openapi/v1.json",
    ];

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task Second_request_is_a_cache_hit_with_the_same_strong_etag_and_bytes(string path)
    {
        await app.RefreshFiguresAsync();
        using var client = app.CreateClient();

        var first = await HttpAnswers.GetAsync(client, path, "br");
        var second = await HttpAnswers.GetAsync(client, path, "br");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/status")]
    [InlineData("/transfers")]
    [InlineData("/pledges/1")]
    [InlineData("/api/status")]
    [InlineData("/api/transfers")]
    [InlineData("/api/pledges/1")]
    public async Task A_page_that_reads_the_database_reads_it_once_and_the_hit_runs_no_query(string path)
    {
        await app.RefreshFiguresAsync();
        using var client = app.CreateClient();

        var before = app.Commands.Count;
        await HttpAnswers.GetAsync(client, path, "gzip");
        var afterRender = app.Commands.Count;
        var hit = await HttpAnswers.GetAsync(client, path, "gzip");

        Assert.True(afterRender > before, $"rendering {path} ran no query");
        Assert.Equal(afterRender, app.Commands.Count);
        Assert.NotNull(hit.Headers.Age);
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task If_none_match_with_the_current_etag_is_answered_304_without_a_body(string path)
    {
        using var client = app.CreateClient();
        var first = await HttpAnswers.GetAsync(client, path, "br");

        var revalidated = await HttpAnswers.GetAsync(client, path, "br", ifNoneMatch: first.Headers.ETag!.Tag);
        var other = await HttpAnswers.GetAsync(client, path, "br", ifNoneMatch: "\"00000000000000000000000000000000\"");

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, revalidated.Headers.ETag);
        Assert.Equal(PublicCacheAttribute.SharedCacheControl, revalidated.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(first.Headers.ETag, other.Headers.ETag);
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task Public_answers_carry_a_short_public_cache_control_and_vary_by_accept_encoding(string path)
    {
        using var client = app.CreateClient();

        var response = await HttpAnswers.GetAsync(client, path, "gzip");

        Assert.Equal("public, max-age=5, stale-while-revalidate=25", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task Answers_in_br_gzip_and_identity_are_kept_apart_and_decode_to_the_same_page()
    {
        await app.RefreshFiguresAsync();
        using var client = app.CreateClient();

        var plain = await HttpAnswers.GetAsync(client, "/", "identity");
        var br = await HttpAnswers.GetAsync(client, "/", "br");
        var gzip = await HttpAnswers.GetAsync(client, "/", "gzip");
        var brAgain = await HttpAnswers.GetAsync(client, "/", "br");

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], br.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], brAgain.Content.Headers.ContentEncoding);
        var page = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpAnswers.Page(page), HttpAnswers.Page(await HttpAnswers.DecodedAsync(br)));
        Assert.Equal(HttpAnswers.Page(page), HttpAnswers.Page(await HttpAnswers.DecodedAsync(gzip)));
        Assert.Equal(await br.Content.ReadAsByteArrayAsync(), await brAgain.Content.ReadAsByteArrayAsync());
        Assert.NotNull(brAgain.Headers.Age);
        Assert.True(br.Content.Headers.ContentLength < page.Length / 3, $"br {br.Content.Headers.ContentLength} of {page.Length} bytes");
        // Three representations, three validators: a strong ETag names one sequence of bytes.
        Assert.Equal(3, new[] { plain, br, gzip }.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/pledges", "br")]
    [InlineData("/api/pledges", "gzip")]
    [InlineData("/pledges", "br")]
    [InlineData("/pledges", "gzip")]
    public async Task Json_and_html_are_compressed_with_the_encoding_asked_for(string path, string encoding)
    {
        using var client = app.CreateClient();

        var plain = await HttpAnswers.GetAsync(client, path);
        var compressed = await HttpAnswers.GetAsync(client, path, encoding);

        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Equal(HttpAnswers.Page(await plain.Content.ReadAsByteArrayAsync()), HttpAnswers.Page(await HttpAnswers.DecodedAsync(compressed)));
    }

    [Fact]
    public async Task Stylesheet_and_icon_are_linked_by_fingerprinted_urls_and_served_compressed()
    {
        using var client = app.CreateClient();
        var page = await (await HttpAnswers.GetAsync(client, "/")).Content.ReadAsStringAsync();
        var links = System.Text.RegularExpressions.Regex.Matches(page, "<link rel=\"(?:stylesheet|icon)\" href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(4, links.Count);
        foreach (var link in links)
        {
            // The last stylesheet is the bundle of the components' isolated CSS (RescueTracker.{fingerprint}.styles.css).
            Assert.Matches(@"^((_content/MudBlazor/MudBlazor\.min|css/site|favicon)\.[a-z0-9]+\.(css|svg)|RescueTracker\.[a-z0-9]+\.styles\.css)$", link);
            var plain = await HttpAnswers.GetAsync(client, "/" + link, "identity");
            var br = await HttpAnswers.GetAsync(client, "/" + link, "br");
            Assert.Equal(["br"], br.Content.Headers.ContentEncoding);
            Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await HttpAnswers.DecodedAsync(br));
        }
    }

    [Fact]
    public async Task Made_up_query_parameters_share_the_entry_of_the_plain_page()
    {
        await app.RefreshFiguresAsync();
        using var client = app.CreateClient();

        var plain = await HttpAnswers.GetAsync(client, "/pledges", "br");
        var decorated = await HttpAnswers.GetAsync(client, "/pledges?utm_source=news&x=" + Guid.NewGuid(), "br");
        var sorted = await HttpAnswers.GetAsync(client, "/pledges?sort=pledger-asc", "br");

        Assert.NotNull(decorated.Headers.Age);
        Assert.Equal(plain.Headers.ETag, decorated.Headers.ETag);
        Assert.Null(sorted.Headers.Age);
        Assert.NotEqual(plain.Headers.ETag, sorted.Headers.ETag);
    }

    [Fact]
    public async Task Ledger_answers_are_kept_until_the_next_change_and_chain_progress_five_seconds()
    {
        await app.RefreshFiguresAsync();
        lock (app.Stored) app.Stored.Clear();
        using var client = app.CreateClient();

        foreach (var path in new[] { "/", "/status", "/api/status", "/pledges", "/api/summary", "/transfers" })
            await HttpAnswers.GetAsync(client, path, "br");

        List<(string Key, string[] Tags, TimeSpan ValidFor)> stored;
        lock (app.Stored) stored = [.. app.Stored];
        // Keys read GET, scheme, host and path, then the varied parts, each after a record separator.
        TimeSpan Kept(string path) => Assert.Single(stored, s => s.Key.Contains("LOCALHOST" + path.ToUpperInvariant() + "\u001e", StringComparison.Ordinal)).ValidFor;
        Assert.All(stored, s => Assert.Equal([PublicCache.Tag], s.Tags));
        Assert.Equal(TimeSpan.FromSeconds(5), Kept("/"));
        Assert.Equal(TimeSpan.FromSeconds(5), Kept("/status"));
        Assert.Equal(TimeSpan.FromSeconds(5), Kept("/api/status"));
        Assert.Equal(TimeSpan.FromHours(1), Kept("/pledges"));
        Assert.Equal(TimeSpan.FromHours(1), Kept("/api/summary"));
        Assert.Equal(TimeSpan.FromHours(1), Kept("/transfers"));
        Assert.Equal(6, stored.Count);
    }
}
