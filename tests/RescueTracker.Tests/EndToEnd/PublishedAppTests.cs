using System.Net;
using System.Text.Json;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.EndToEnd;

[Collection(PublishedAppCollection.Name)]
public sealed class PublishedAppTests(PublishedApp published)
{
    [Fact]
    public async Task Published_app_serves_the_dashboard_with_the_gap_and_the_uncovered_if_all_arrive_figures()
    {
        var app = await published.SharedAsync();

        using var response = await app.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET / answered {response.StatusCode}:\n{html}\n{app.Process.Output}");
        Assert.Contains("68,900", html);
        Assert.Contains("25,400", html);
    }

    [Fact]
    public async Task Published_app_returns_the_exact_summary_figures()
    {
        var app = await published.SharedAsync();

        using var response = await app.Client.GetAsync("/api/summary");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/summary answered {response.StatusCode}:\n{body}\n{app.Process.Output}");
        using var json = JsonDocument.Parse(body);
        var fields = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(
            ["asOf", "blocks", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "pledgedEth", "shortfallEth", "uncoveredIfAllArriveEth", "uncoveredNowEth"],
            fields.Keys.Order(StringComparer.Ordinal));
        // No chain is scanned in the published app: no block is confirmed yet.
        Assert.Equal("{}", fields["blocks"].GetRawText());
        Assert.Equal("68900", fields["shortfallEth"].GetString());
        Assert.Equal("0", fields["deliveredEth"].GetString());
        Assert.Equal("6000", fields["outstandingCommittedEth"].GetString());
        Assert.Equal("37500", fields["outstandingProposedEth"].GetString());
        Assert.Equal("43500", fields["pledgedEth"].GetString());
        Assert.Equal("68900", fields["uncoveredNowEth"].GetString());
        Assert.Equal("25400", fields["uncoveredIfAllArriveEth"].GetString());
    }

    [Fact]
    public async Task Published_app_serves_the_stylesheet_from_the_top_level_wwwroot()
    {
        var app = await published.SharedAsync();

        using var response = await app.Client.GetAsync("/css/site.css");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /css/site.css answered {response.StatusCode}\n{app.Process.Output}");
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(RepoPaths.Combine("wwwroot", "css", "site.css")), body);
    }

    [Fact]
    public async Task Published_app_sends_the_dashboard_and_its_fingerprinted_stylesheet_in_brotli_and_the_stylesheet_for_a_year()
    {
        var app = await published.SharedAsync();
        using var page = await GetAsync(app.Client, "/", "br");
        var html = System.Text.Encoding.UTF8.GetString(await HttpAnswers.DecodedAsync(page));
        var stylesheet = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"(css/site\\.[a-z0-9]+\\.css)\"").Groups[1].Value;

        using var css = await GetAsync(app.Client, "/" + stylesheet, "br");

        Assert.Equal(["br"], page.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], css.Content.Headers.ContentEncoding);
        Assert.Equal("max-age=31536000, immutable", css.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.Combine("wwwroot", "css", "site.css")), await HttpAnswers.DecodedAsync(css));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public void Publish_output_ships_the_default_seed_file()
    {
        var shipped = Path.Combine(published.PublishFolder, "seed", "defi-united.json");

        Assert.True(File.Exists(shipped), $"{shipped} is missing from the publish output");
        Assert.Equal(File.ReadAllBytes(RepoPaths.Combine("seed", "defi-united.json")), File.ReadAllBytes(shipped));
    }
}
