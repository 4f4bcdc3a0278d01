using System.Text;
using Microsoft.Extensions.Logging;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Hosting;
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

    /// <summary>A chunk size, or null for a body sent with its Content-Length.</summary>
    public static TheoryData<string, string, int?> Refused => new()
    {
        // One byte over the limit: a pledge whose name is long.
        { "64 KiB + 1 with a length", Padded(Limit + 1), null },
        { "64 KiB + 1 chunked", Padded(Limit + 1), 16 * 1024 },
        { "64 KiB + 1 in one chunk", Padded(Limit + 1), Limit + 1 },
        { "1 MiB chunked", Padded(1024 * 1024), 16 * 1024 },
        { "1 MiB with a length", Padded(1024 * 1024), null },
        // 60,000 arrays deep and closed: 120,000 bytes.
        { "60k-deep nesting", new string('[', 60_000) + new string(']', 60_000), null },
        { "60k-deep nesting chunked", new string('[', 60_000) + new string(']', 60_000), 16 * 1024 },
    };

    private TestApp App => fixture.App;

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_body_over_64_KiB_is_a_413_problem_logged_once_and_nothing_is_written(string name, string body, int? chunkSize)
    {
        var (response, logged) = await PostAsync(body, chunkSize);

        Assert.True(response.Status == 413, $"{name}: {response.Status} {response.Body}");
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("\"title\":\"The body is too large\"", response.Body);
        Assert.Equal("close", response.Header("Connection"));
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

        var (response, logged) = await PostAsync(body, chunkSize: null);

        Assert.True(response.Status == 400, $"{name}: {response.Status} {response.Body}");
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("The body is not valid JSON", response.Body);
        var line = Assert.Single(logged);
        Assert.Equal((LogLevel.Warning, null), (line.Level, line.Exception));
    }

    /// <summary>
    /// Exactly 64 KiB of its own bytes is read however it is sent: chunked in one-byte chunks it is 393,221 bytes on the
    /// wire, all framing Kestrel would have counted against the limit.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData(16 * 1024)]
    [InlineData(Limit)]
    [InlineData(1)]
    public async Task A_body_of_exactly_64_KiB_is_read(int? chunkSize)
    {
        var (response, logged) = await PostAsync(Padded(Limit), chunkSize);

        // Read and judged as a pledge: the name is too long, which only a read body can say.
        Assert.True(response.Status == 400, $"{response.Status} {response.Body}");
        Assert.Contains("\"pledger\":", response.Body);
        Assert.DoesNotContain(logged, l => l.Message.Contains("too large", StringComparison.OrdinalIgnoreCase) || l.Message.Contains("over 65536"));
    }

    /// <summary>
    /// Posts as a careful client does, reading the answer while it sends and stopping when the server has answered
    /// (<see cref="RawHttp"/>): the server refuses a body over the limit part way and closes the connection.
    /// </summary>
    private async Task<(RawHttp.Answer Response, List<LogCapture.Entry> Logged)> PostAsync(string body, int? chunkSize)
    {
        var key = await App.KeyForRoleAsync(AdminRoles.Editor);
        var server = App.LoopbackClient().BaseAddress!;
        var before = await DatabaseSnapshot.TakeAsync(App.Database);
        var logs = App.Logs.Entries.Count;

        var response = await RawHttp.SendAsync(server, "POST", "/api/admin/pledges", $"localhost:{server.Port}",
            new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}", ["Content-Type"] = "application/json" },
            Encoding.UTF8.GetBytes(body), chunkSize);

        (await DatabaseSnapshot.TakeAsync(App.Database)).AssertSameAs(before);
        return (response, App.Logs.Entries.Skip(logs).ToList());
    }

    /// <summary>A pledge body of exactly <paramref name="size"/> bytes.</summary>
    private static string Padded(int size)
    {
        var json = Bodies.Pledge("").ToJsonString();
        return json.Replace("\"pledger\":\"\"", "\"pledger\":\"" + new string('x', size - json.Length) + "\"");
    }
}
