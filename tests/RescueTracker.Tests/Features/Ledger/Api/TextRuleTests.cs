using System.Net;
using System.Text.Json.Nodes;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Names at most 200 characters, notes at most 2,000, URLs absolute http(s) at most 2,000, no control characters.</summary>
public class TextRuleTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string LongUrlPrefix = "https://example.org/";

    private async Task<HttpResponseMessage> PostAsync(JsonObject body)
    {
        using var client = await app.EditorClientAsync();
        return await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(body));
    }

    [Fact]
    public async Task A_pledger_name_of_201_characters_is_refused_and_200_is_accepted()
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge(new string('n', 201))), "pledger");
        Assert.Equal("The pledger must be at most 200 characters.", problem.Messages("pledger"));

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Bodies.Pledge(new string('n', 200), amount: null, asset: null))).StatusCode);
    }

    [Fact]
    public async Task A_terms_note_of_2001_characters_is_refused_and_2000_is_accepted()
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With("termsNote", new string('x', 2001))), "termsNote");
        Assert.Equal("The terms note must be at most 2000 characters.", problem.Messages("termsNote"));

        Assert.Equal(HttpStatusCode.Created,
            (await PostAsync(Bodies.Pledge("Note at the limit", null, null).With("termsNote", new string('x', 2000)))).StatusCode);
    }

    [Fact]
    public async Task A_source_URL_of_2001_characters_is_refused_and_2000_is_accepted()
    {
        var tooLong = LongUrlPrefix + new string('a', 2001 - LongUrlPrefix.Length);
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With("source", tooLong)), "source");
        Assert.Equal("The source must be at most 2000 characters.", problem.Messages("source"));

        var atLimit = LongUrlPrefix + new string('a', 2000 - LongUrlPrefix.Length);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Bodies.Pledge("URL at the limit", null, null).With("source", atLimit))).StatusCode);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/vote")]
    [InlineData("/relative/path")]
    [InlineData("example.org/vote")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public async Task A_governance_URL_that_is_not_absolute_http_or_https_is_refused(string url)
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With("governanceUrl", url)), "governanceUrl");
        Assert.Equal("The governance URL must be an absolute http or https address.", problem.Messages("governanceUrl"));
    }

    [Fact]
    public async Task A_URL_with_a_space_is_refused()
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With("source", "https://example.org/a b")), "source");
        Assert.Equal("The source must not contain spaces.", problem.Messages("source"));
    }

    [Theory]
    [InlineData("pledger", "Aave\u0000DAO", "The pledger must not contain control characters.")]
    [InlineData("pledger", "Aave\u001b[31mDAO", "The pledger must not contain control characters.")]
    [InlineData("pledger", "Aave\tDAO", "The pledger must not contain control characters.")]
    [InlineData("termsNote", "bell\u0007", "The terms note must not contain control characters.")]
    [InlineData("termsNote", "next line\u0085", "The terms note must not contain control characters.")]
    [InlineData("source", "https://example.org/\u007f", "The source must not contain control characters.")]
    public async Task Control_characters_are_refused_in_names_notes_and_URLs(string field, string value, string message)
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With(field, value)), field);
        Assert.Equal(message, problem.Messages(field));
    }

    [Fact]
    public async Task Line_breaks_and_tabs_are_allowed_in_a_note()
    {
        var response = await PostAsync(Bodies.Pledge("Multi-line note", null, null).With("termsNote", "First line\r\nSecond\tline"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("First line\r\nSecond\tline", (await ApiJson.ReadAsync(response)).Str("termsNote"));
    }
}
