using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Admin.Api;

/// <summary>
/// The corpus's bad values through the admin forms, posted with a valid antiforgery token by a signed-in editor:
/// none may be saved (a save redirects), none may fail with a server error, and the database stays as it was.
/// </summary>
public class MalformedFormCorpusTests(AdminApiApp app, ITestOutputHelper output) : IClassFixture<AdminApiApp>
{
    private const string Source = "https://forum.example.org/t/rescue/1";

    [Fact]
    public async Task Malformed_form_posts_are_all_shown_again_with_messages_without_a_server_error_and_change_nothing()
    {
        using var browser = await app.SignedInBrowserAsync(AdminRoles.Editor);
        var committed = await app.PledgeIdAsync("Golem Foundation");
        var taken = await TakenSenderAsync();
        var forms = new Dictionary<string, (string Url, string Handler, Dictionary<string, string> Base)>
        {
            [MalformedForms.NewPledge] = ("/admin/pledges/new", "create-pledge", new()
                { ["Pledger"] = "Form DAO", ["Amount"] = "10", ["Asset"] = "ETH", ["Status"] = "proposed", ["Terms"] = "grant", ["Source"] = Source }),
            [MalformedForms.Status] = ($"/admin/pledges/{committed}/status", "pledge-status", new() { ["Status"] = "withdrawn", ["Reason"] = "Vote failed", ["Source"] = Source }),
            [MalformedForms.Shortfall] = ("/admin/shortfall", "add-shortfall", new()
                { ["Label"] = "Recovered ETH", ["Kind"] = "recovery", ["Amount"] = "5", ["Asset"] = "ETH", ["Date"] = "2026-04-28", ["Source"] = Source }),
        };
        // Each form as rendered (antiforgery token, form name, version), read once: the token stays valid for the session.
        var rendered = new Dictionary<string, Dictionary<string, string>>();
        foreach (var (name, (url, handler, _)) in forms) rendered[name] = await RenderedFieldsAsync(browser, url, handler);
        await AssertBasesAreValidAsync(browser, forms);

        var corpus = MalformedForms.Generate(taken);
        var before = await app.SnapshotAsync();
        var summary = (await app.SummaryAsync()).GetRawText();

        var watch = Stopwatch.StartNew();
        var results = new List<(MalformedFormCase Case, int Status, bool Message)>();
        foreach (var c in corpus)
        {
            var (url, _, valid) = forms[c.Form];
            var fields = new Dictionary<string, string>(rendered[c.Form]);
            foreach (var (field, value) in valid.Concat(c.Fields)) fields[$"Form.{field}"] = value;
            using var response = await browser.PostAsync(url, fields);
            var html = await response.Content.ReadAsStringAsync();
            results.Add((c, (int)response.StatusCode, html.Contains("class=\"field-error\"", StringComparison.Ordinal) || html.Contains("role=\"alert\"", StringComparison.Ordinal)));
        }
        watch.Stop();

        var accepted = results.Where(r => r.Status is >= 300 and < 400 or 201).ToList();
        var serverErrors = results.Where(r => r.Status >= 500).ToList();
        var silent = results.Where(r => r.Status == 200 && !r.Message).ToList();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Malformed-input corpus, admin forms (seed {MalformedCorpus.Seed + 1}), signed-in editor, valid antiforgery token")
            .AppendLine(CultureInfo.InvariantCulture, $"tried: {results.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"accepted: {accepted.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"server errors: {serverErrors.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"refused without a message: {silent.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"time: {watch.Elapsed.TotalSeconds:0.0} s")
            .AppendLine("status codes: " + string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x {g.Count()}")))
            .ToString();
        output.WriteLine(report);
        var folder = Path.Combine(RepoFiles.Root, "artifacts");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "malformed-corpus-forms.txt"), report);

        Assert.True(accepted.Count == 0 && serverErrors.Count == 0 && silent.Count == 0, "Not refused with a message:\n" + string.Join("\n",
            accepted.Concat(serverErrors).Concat(silent).Take(20).Select(r => $"{r.Status} [{r.Case.Class}] {string.Join(", ", r.Case.Fields.Select(f => $"{f.Key}='{Cut(f.Value)}'"))}")));
        (await app.SnapshotAsync()).AssertSameAs(before);
        Assert.Equal(summary, (await app.SummaryAsync()).GetRawText());
    }

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static async Task<Dictionary<string, string>> RenderedFieldsAsync(Accounts.AdminBrowser browser, string url, string handler)
    {
        var (response, page) = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == handler);
        return form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(i => !string.IsNullOrEmpty(i.Name)).ToDictionary(i => i.Name!, i => i.Value);
    }

    /// <summary>Each base post is saved when sent unchanged (on a copy target for the status form), so every refusal comes from the bad value.</summary>
    private async Task AssertBasesAreValidAsync(Accounts.AdminBrowser browser, Dictionary<string, (string Url, string Handler, Dictionary<string, string> Base)> forms)
    {
        var other = await app.PledgeIdAsync("Stani Kulechov (personal)");
        foreach (var (name, (url, handler, valid)) in forms)
        {
            var target = name == MalformedForms.Status ? $"/admin/pledges/{other}/status" : url;
            var fields = await RenderedFieldsAsync(browser, target, handler);
            foreach (var (field, value) in valid) fields[$"Form.{field}"] = value;
            var response = await browser.PostAsync(target, fields);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
                $"The valid {name} post answered {(int)response.StatusCode}: {new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("main")?.TextContent}");
        }
    }

    private async Task<string> TakenSenderAsync()
    {
        var sender = new RescueTracker.Chain.EthAddress(Enumerable.Repeat((byte)0x6B, 20).ToArray()).ToString();
        using var client = await app.EditorClientAsync();
        var response = await client.PostAsync("/api/admin/pledges",
            AdminApiApp.JsonBody(Bodies.Pledge("Form sender owner", "1", "ETH", "proposed").With("senders", new System.Text.Json.Nodes.JsonArray(sender))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return sender;
    }
}
