using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// Admin API bodies the API refuses before reading them as a pledge: over 64 KiB (413) or not JSON it reads (400), both as
/// problem details, on Kestrel (the in-memory server enforces no body limit) in Production (where an exception would be
/// the HTML error page). One warning line each, no stack trace, nothing written.
/// </summary>
public sealed class BodyLimitTests(AppFixture<BodyLimitTests.InProduction> fixture) : IClassFixture<AppFixture<BodyLimitTests.InProduction>>
{
    public sealed class InProduction : IAppProfile
    {
        public TestAppOptions Options => new() { Kestrel = true, Settings = new Dictionary<string, string?> { ["environment"] = "Production" } };
    }

    private const int Limit = 64 * 1024;

    public static TheoryData<string, string, bool> Refused => new()
    {
        // One byte over the limit: a pledge whose name is long.
        { "64 KiB + 1 with a length", Padded(Limit + 1), false },
        { "64 KiB + 1 chunked", Padded(Limit + 1), true },
        { "1 MiB chunked", Padded(1024 * 1024), true },
        // 60,000 arrays deep and closed: 120,000 bytes.
        { "60k-deep nesting", new string('[', 60_000) + new string(']', 60_000), false },
        { "60k-deep nesting chunked", new string('[', 60_000) + new string(']', 60_000), true },
    };

    private TestApp App => fixture.App;

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_body_over_64_KiB_is_a_413_problem_logged_once_and_nothing_is_written(string name, string body, bool chunked)
    {
        var (response, text, logged) = await PostAsync(body, chunked);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"title\":\"The body is too large\"", text);
        var line = Assert.Single(logged);
        Assert.Equal((LogLevel.Warning, null), (line.Level, line.Exception));
        Assert.Contains("65536", line.Message);
    }

    [Theory]
    [InlineData("60k-deep open nesting within the limit", 60_000)]
    [InlineData("30k-deep closed nesting within the limit", 30_000)]
    [InlineData("nine deep", 9)]
    public async Task Nesting_deeper_than_a_pledge_needs_is_a_400_problem_logged_once(string name, int depth)
    {
        var body = new string('[', depth) + (depth < 60_000 ? new string(']', depth) : "");

        var (response, text, logged) = await PostAsync(body, chunked: false);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The body is not valid JSON", text);
        var line = Assert.Single(logged);
        Assert.Equal((LogLevel.Warning, null), (line.Level, line.Exception));
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_read()
    {
        var (response, text, _) = await PostAsync(Padded(Limit), chunked: true);

        // Read and judged as a pledge: the name is too long, which only a read body can say.
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Contains("\"pledger\":", text);
    }

    private async Task<(HttpResponseMessage Response, string Text, List<LogCapture.Entry> Logged)> PostAsync(string body, bool chunked)
    {
        var key = await App.KeyForRoleAsync(AdminRoles.Editor);
        using var client = App.LoopbackClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var bytes = Encoding.UTF8.GetBytes(body);
        HttpContent content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var before = await DatabaseSnapshot.TakeAsync(App.Database);
        var logs = App.Logs.Entries.Count;

        var response = await client.PostAsync("/api/admin/pledges", content);

        var text = await response.Content.ReadAsStringAsync();
        (await DatabaseSnapshot.TakeAsync(App.Database)).AssertSameAs(before);
        return (response, text, App.Logs.Entries.Skip(logs).ToList());
    }

    /// <summary>A pledge body of exactly <paramref name="size"/> bytes.</summary>
    private static string Padded(int size)
    {
        var json = Bodies.Pledge("").ToJsonString();
        return json.Replace("\"pledger\":\"\"", "\"pledger\":\"" + new string('x', size - json.Length) + "\"");
    }
}
