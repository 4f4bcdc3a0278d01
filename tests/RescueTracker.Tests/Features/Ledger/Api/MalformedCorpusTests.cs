using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// The generated corpus of malformed admin API requests: 0 accepted, 0 server errors, database unchanged.
/// The figures go to the test output and to artifacts/malformed-corpus.txt for the closing note.
/// </summary>
public class MalformedCorpusTests(TestApp app, ITestOutputHelper output) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Over_a_thousand_malformed_API_requests_are_all_refused_without_a_server_error_and_change_nothing()
    {
        var targets = await PrepareTargetsAsync();
        var corpus = MalformedCorpus.Generate(targets);
        // The same app on the same database behind Kestrel, started before the snapshot (its start-up reads the database).
        await using var real = new TestApp(new TestAppOptions { Database = app.Database, Kestrel = true });
        using var realClient = real.LoopbackClient();
        // The targets were written straight into the database: the figures are computed once more before the snapshot, as
        // the version poll would within a second, so that nothing moves them during the corpus.
        await app.RefreshFiguresAsync();
        var summary = (await app.GetJsonAsync("/api/summary")).GetRawText();
        var before = await app.SnapshotAsync();
        var editorKey = await app.EditorKeyAsync();
        using var client = app.ClientWithKey(null);

        var watch = Stopwatch.StartNew();
        var statuses = new List<(MalformedCase Case, int Status)>();
        foreach (var c in corpus) statuses.Add((c, await SendAsync(c.RealServer ? realClient : client, c, editorKey)));
        watch.Stop();

        var accepted = statuses.Where(s => s.Status is < 400 and >= 0).ToList();
        var serverErrors = statuses.Where(s => s.Status is >= 500 or < 0).ToList();
        var report = Report(statuses, accepted.Count, serverErrors.Count, watch.Elapsed);
        output.WriteLine(report);
        await WriteArtifactAsync(report);

        Assert.True(corpus.Count >= 1000, $"Only {corpus.Count} cases.");
        Assert.True(accepted.Count == 0 && serverErrors.Count == 0,
            "Not refused with a 4xx:\n" + string.Join("\n", accepted.Concat(serverErrors).Take(30).Select(s => $"{s.Status} {s.Case.Describe()}")));
        (await app.SnapshotAsync()).AssertSameAs(before);
        Assert.Equal(summary, (await app.GetJsonAsync("/api/summary")).GetRawText());
    }

    [Fact]
    public void The_corpus_is_the_same_on_every_run()
    {
        var targets = new CorpusTargets(3, Bodies.Pledge().With("version", 1), 6, 10, 1, 1, 2, "0x1111111111111111111111111111111111111111", "rtk_x");

        var first = MalformedCorpus.Generate(targets);
        var second = MalformedCorpus.Generate(targets);

        Assert.Equal(first.Count, second.Count);
        Assert.True(first.Zip(second).All(p => p.First.Describe() == p.Second.Describe() && p.First.Body.AsSpan().SequenceEqual(p.Second.Body)));
    }

    /// <summary>The records the corpus aims at: a committed pledge to edit, a supporter without amount, a withdrawn pledge, inflows, a taken sender, a revoked key.</summary>
    private async Task<CorpusTargets> PrepareTargetsAsync()
    {
        using var client = await app.EditorClientAsync();
        var taken = new RescueTracker.Chain.EthAddress(Enumerable.Repeat((byte)0x5A, 20).ToArray()).ToString();
        var owner = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Sender owner", "1", "ETH", "proposed").With("senders", new JsonArray(taken))));
        Assert.Equal(HttpStatusCode.Created, owner.StatusCode);
        var withdrawn = (await ApiJson.ReadAsync(await client.PostAsync("/api/admin/pledges",
            AdminApi.JsonBody(Bodies.Pledge("Withdrawn supporter", "2", "ETH", "proposed"))))).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/pledges/{withdrawn}/status",
            AdminApi.JsonBody(Bodies.Status("withdrawn", "Vote failed.")))).StatusCode);

        var committed = await app.PledgeIdAsync("Golem Foundation");
        var state = await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{committed}"));
        var email = await app.CreateUserAsync(AdminRoles.Editor, displayName: "Revoked Corpus");
        var revoked = await app.CreateApiKeyAsync(email, "revoked");
        await app.RevokeKeyAsync(revoked.Id);

        return new CorpusTargets(
            committed, Bodies.Edit(state), await app.PledgeIdAsync("Ethena"), withdrawn, await app.PledgeIdAsync("Lido Finance"),
            await app.AddTransferAsync("ETH", BigInteger.Pow(10, 18)), await app.AddTransferAsync("ETH", BigInteger.Pow(10, 18), committed),
            taken, revoked.Key);
    }

    /// <returns>The status code, or -1 when the request failed with an exception (counted as a server error).</returns>
    private async Task<int> SendAsync(HttpClient client, MalformedCase c, string editorKey)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body.Length > 0 || c.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        if (c.Auth is null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", editorKey);
        else if (c.Auth.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", c.Auth);
        try
        {
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.WriteLine($"Exception for {c.Describe()}: {e.GetType().Name}: {e.Message}");
            return -1;
        }
    }

    private static string Report(List<(MalformedCase Case, int Status)> statuses, int accepted, int serverErrors, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Malformed-input corpus, admin API (seed {MalformedCorpus.Seed}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"tried: {statuses.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"accepted: {accepted}");
        text.AppendLine(CultureInfo.InvariantCulture, $"server errors: {serverErrors}");
        text.AppendLine("database unchanged: asserted after the run (row counts of every table; checksums of " +
                        string.Join(", ", DatabaseSnapshot.ChecksummedTables) + ")");
        text.AppendLine(CultureInfo.InvariantCulture, $"time: {elapsed.TotalSeconds:0.0} s");
        text.AppendLine("status codes: " + string.Join(", ", statuses.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x {g.Count()}")));
        text.AppendLine("by class:");
        foreach (var group in statuses.GroupBy(s => s.Case.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} ({string.Join(", ", group.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x {g.Count()}"))})");
        return text.ToString();
    }

    private static async Task WriteArtifactAsync(string report)
    {
        var folder = Path.Combine(RepoFiles.Root, "artifacts");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "malformed-corpus.txt"), report);
    }
}
