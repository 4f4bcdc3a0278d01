using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// Text that looks hostile but meets every rule (markup, SQL, bidi overrides) is not malformed: it is
/// stored exactly as sent and shown as text, never as markup. Kept apart from the malformed corpus on purpose.
/// </summary>
public class ValidTextPayloadTests(TestApp app) : IClassFixture<TestApp>
{
    public static TheoryData<string> Names => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Robert'); DROP TABLE Pledges; --",
        "\" onmouseover=\"alert(1)",
        "&lt;b&gt; already escaped &amp;",
        "evil\u202etxt.exe",
        "Ærøskøbing DAO 🚀",
        "{{7*7}} ${7*7} @(7*7)",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_name_that_looks_like_an_attack_but_meets_the_rules_is_stored_verbatim_and_rendered_as_text(string name)
    {
        using var client = await app.EditorClientAsync();
        var note = $"Note: {name}\nsecond line";
        var body = Bodies.Pledge(name, "1", "ETH", "proposed").With("termsNote", note);

        var response = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await ApiJson.ReadAsync(response)).GetProperty("id").GetInt32();
        Assert.Equal(name, (await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{id}"))).Str("pledger"));
        await using (var db = app.Db())
        {
            var stored = await db.Pledges.Where(p => p.Id == id).Select(p => new { p.Pledger!.Name, p.TermsNote }).SingleAsync();
            Assert.Equal((name, note), (stored.Name, stored.TermsNote));
        }

        using var browser = app.CreateClient();
        var html = await browser.GetStringAsync($"/pledges/{id}");
        var page = new HtmlParser().ParseDocument(html);
        // Parsed as text: the heading holds exactly the name, and the name added no element of its own.
        Assert.Equal(name, page.QuerySelector("h1")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("img[src=x], [onerror], [onmouseover]"));
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains(page.QuerySelectorAll(".terms-note"), n => n.TextContent == note);
    }
}
