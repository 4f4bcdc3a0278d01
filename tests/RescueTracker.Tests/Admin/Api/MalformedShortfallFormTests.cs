using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Features.Admin.Accounts;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Admin.Api;

/// <summary>
/// The corpus's bad values through the shortfall form, posted with a valid antiforgery token by a signed-in editor:
/// none may be saved (a save redirects), none may fail with a server error, and the database stays as it was.
/// (The pledge and status forms run in a circuit: MalformedPledgeFormTests drives them.)
/// </summary>
public class MalformedShortfallFormTests(AdminApiApp app, ITestOutputHelper output) : IClassFixture<AdminApiApp>
{
    private const string Source = "https://forum.example.org/t/rescue/1";
    private const string Url = "/admin/shortfall";
    private const string Handler = "add-shortfall";

    private static readonly Dictionary<string, string> Valid = new()
        { ["Label"] = "Recovered ETH", ["Kind"] = "recovery", ["Amount"] = "5", ["Asset"] = "ETH", ["Date"] = "2026-04-28", ["Source"] = Source };

    [Fact]
    public async Task Malformed_shortfall_posts_are_all_shown_again_with_messages_without_a_server_error_and_change_nothing()
    {
        using var browser = await app.SignedInBrowserAsync(AdminRoles.Editor);
        // The form as rendered (antiforgery token, form name), read once: the token stays valid for the session.
        var rendered = await RenderedFieldsAsync(browser);
        await AssertBaseIsValidAsync(browser);
        var corpus = MalformedForms.Generate("0x" + new string('6', 40)).Where(c => c.Form == MalformedForms.Shortfall).ToList();
        var before = await app.SnapshotAsync();
        var summary = (await app.SummaryAsync()).GetRawText();

        await MalformedFormRun.RunAsync("shortfall form, signed-in editor, valid antiforgery token", "malformed-corpus-shortfall-form.txt", corpus, async c =>
        {
            var fields = new Dictionary<string, string>(rendered);
            foreach (var (field, value) in Valid.Concat(c.Fields)) fields[$"Form.{field}"] = value;
            using var response = await browser.PostAsync(Url, fields);
            var html = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var outcome = status is >= 300 and < 400 or 201 ? FormOutcome.Accepted
                : status >= 500 ? FormOutcome.ServerError
                : status == 400 ? FormOutcome.TurnedAway
                : status == 200 && (html.Contains("class=\"field-error\"", StringComparison.Ordinal) || html.Contains("role=\"alert\"", StringComparison.Ordinal))
                    ? FormOutcome.RefusedWithMessage
                    : FormOutcome.RefusedSilently;
            return (outcome, $"HTTP {status}");
        }, output);

        (await app.SnapshotAsync()).AssertSameAs(before);
        Assert.Equal(summary, (await app.SummaryAsync()).GetRawText());
    }

    private static async Task<Dictionary<string, string>> RenderedFieldsAsync(Accounts.AdminBrowser browser)
    {
        var (response, page) = await browser.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == Handler);
        return form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(i => !string.IsNullOrEmpty(i.Name)).ToDictionary(i => i.Name!, i => i.Value);
    }

    /// <summary>The base post is saved when sent unchanged, so every refusal comes from the bad value.</summary>
    private static async Task AssertBaseIsValidAsync(Accounts.AdminBrowser browser)
    {
        var fields = await RenderedFieldsAsync(browser);
        foreach (var (field, value) in Valid) fields[$"Form.{field}"] = value;
        var response = await browser.PostAsync(Url, fields);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
            $"The valid shortfall post answered {(int)response.StatusCode}: {new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("main")?.TextContent}");
    }
}
