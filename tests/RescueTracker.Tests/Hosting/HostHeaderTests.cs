using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting;

/// <summary>
/// Requests whose Host (or trusted X-Forwarded-Host) cannot be read, or names a host the app does not serve: a 400 on
/// every kind of path, one log line each without a stack trace, nothing written. Real sockets: HttpClient cannot send these.
/// </summary>
public sealed class HostHeaderTests(AppFixture<HostHeaderTests.OnKestrel> fixture) : IClassFixture<AppFixture<HostHeaderTests.OnKestrel>>
{
    public sealed class OnKestrel : IAppProfile
    {
        public TestAppOptions Options => new() { Kestrel = true };
    }

    private static readonly string[] Pages = ["/", "/pledges/1", "/status", "/admin/login", "/api/summary", "/healthz"];

    public static TheoryData<string, string> BadHosts => new()
    {
        { "Host", "" },
        { "Host", "a..b" },
        { "Host", "localhost:99999" },
        { "Host", "rescue.example" },
        { "X-Forwarded-Host", "a..b" },
        { "X-Forwarded-Host", "localhost:99999" },
        { "X-Forwarded-Host", "rescue.example" },
    };

    private TestApp App => fixture.App;

    [Theory]
    [MemberData(nameof(BadHosts))]
    public async Task A_host_that_cannot_be_read_or_is_not_served_is_a_400_on_every_page_logged_once_without_a_stack_trace(string header, string value)
    {
        var server = App.LoopbackClient().BaseAddress!;
        foreach (var path in Pages)
        {
            var before = App.Logs.Entries.Count;

            var answer = await SendAsync(server, "GET", path, header, value);

            Assert.True(answer.Status == 400, $"GET {path} with {header}: '{value}' answered {answer.Status}:\n{answer.Body}");
            Assert.Null(answer.Header("Location"));
            var logged = App.Logs.Entries.Skip(before).ToList();
            var line = Assert.Single(logged);
            Assert.Equal((LogLevel.Warning, "RescueTracker.Hosting.HostValidation", null), (line.Level, line.Category, line.Exception));
            Assert.Contains(path, line.Message);
        }
    }

    [Theory]
    [MemberData(nameof(BadHosts))]
    public async Task An_admin_write_with_such_a_host_is_refused_and_changes_nothing(string header, string value)
    {
        var key = await App.KeyForRoleAsync(AdminRoles.Editor);
        var server = App.LoopbackClient().BaseAddress!;
        var before = await DatabaseSnapshot.TakeAsync(App.Database);

        var answer = await SendAsync(server, "POST", "/api/admin/pledges", header, value, new Dictionary<string, string>
        {
            ["Authorization"] = $"Bearer {key}", ["Content-Type"] = "application/json",
        }, Bodies.Pledge($"Host test {Guid.NewGuid():N}").ToJsonString());

        Assert.True(answer.Status == 400, $"answered {answer.Status}:\n{answer.Body}");
        Assert.StartsWith("application/problem+json", answer.Header("Content-Type"));
        Assert.Equal("Bad host", JsonNode.Parse(answer.Body)!["title"]!.GetValue<string>());
        (await DatabaseSnapshot.TakeAsync(App.Database)).AssertSameAs(before);
    }

    [Fact]
    public async Task The_sign_in_redirect_of_admin_names_only_a_served_host()
    {
        var server = App.LoopbackClient().BaseAddress!;

        var served = await RawHttp.SendAsync(server, "GET", "/admin", $"localhost:{server.Port}");
        var foreign = await RawHttp.SendAsync(server, "GET", "/admin", "rescue.example");
        var forwarded = await SendAsync(server, "GET", "/admin", "X-Forwarded-Host", "rescue.example");

        Assert.Equal(302, served.Status);
        Assert.StartsWith($"http://localhost:{server.Port}/admin/login?ReturnUrl=", served.Header("Location"));
        Assert.Equal((400, null), (foreign.Status, foreign.Header("Location")));
        Assert.Equal((400, null), (forwarded.Status, forwarded.Header("Location")));
    }

    [Fact]
    public async Task The_served_hosts_are_a_setting()
    {
        await using var app = new TestApp(new TestAppOptions { Kestrel = true, Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "rescue.example;*.rescue.example" } });
        var server = app.LoopbackClient().BaseAddress!;

        var named = await RawHttp.SendAsync(server, "GET", "/admin", "rescue.example");
        var sub = await RawHttp.SendAsync(server, "GET", "/admin", "www.rescue.example:8443");
        var local = await RawHttp.SendAsync(server, "GET", "/admin", $"localhost:{server.Port}");

        Assert.Equal((302, "http://rescue.example/admin/login?ReturnUrl=%2Fadmin"), (named.Status, named.Header("Location")));
        Assert.Equal((302, "http://www.rescue.example:8443/admin/login?ReturnUrl=%2Fadmin"), (sub.Status, sub.Header("Location")));
        Assert.Equal((400, null), (local.Status, local.Header("Location")));
    }

    /// <summary>A forwarded host comes with the real Host, as a proxy on loopback (trusted by default) sends it.</summary>
    private static Task<RawHttp.Answer> SendAsync(Uri server, string method, string path, string header, string value,
        Dictionary<string, string>? headers = null, string? body = null)
    {
        headers ??= [];
        if (header == "Host") return RawHttp.SendAsync(server, method, path, value, headers, body);
        headers[header] = value;
        return RawHttp.SendAsync(server, method, path, $"localhost:{server.Port}", headers, body);
    }
}
