using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// MudBlazor's CSS and JS in a Release publish, at the fingerprinted URLs the pages link: sent as the package's own
/// brotli files (byte for byte, with their length) and kept for a year. Without the app's rewrite the SDK gives these
/// URLs no compressed variant, and the response compression middleware squeezed them again on every request.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class CompressedAssetsTests(PublishedApp published)
{
    [Fact]
    public async Task MudBlazor_stylesheet_linked_by_the_dashboard_is_the_shipped_brotli_file_cached_for_a_year()
    {
        var app = await published.SharedAsync();
        var html = await app.Client.GetStringAsync("/");
        var link = Regex.Match(html, "<link rel=\"stylesheet\" href=\"(_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.css)\"").Groups[1].Value;
        Assert.NotEqual("", link);

        await AssertShippedBrotliAsync(app, link, "_content/MudBlazor/MudBlazor.min.css");
    }

    [Fact]
    public async Task MudBlazor_script_at_its_fingerprinted_url_is_the_shipped_brotli_file_cached_for_a_year()
    {
        var app = await published.SharedAsync();
        // The admin pages link it through @Assets, which gives the fingerprinted route the build lists for the plain name.
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(published.PublishFolder, "RescueTracker.staticwebassets.endpoints.json")));
        var route = manifest.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Where(e => e.GetProperty("EndpointProperties").EnumerateArray().Any(p => p.GetProperty("Name").GetString() == "fingerprint"))
            .Where(e => e.GetProperty("EndpointProperties").EnumerateArray().Any(p =>
                p.GetProperty("Name").GetString() == "label" && p.GetProperty("Value").GetString() == "_content/MudBlazor/MudBlazor.min.js"))
            .Select(e => e.GetProperty("Route").GetString()!)
            .Single();

        await AssertShippedBrotliAsync(app, route, "_content/MudBlazor/MudBlazor.min.js");
    }

    private async Task AssertShippedBrotliAsync(RunningApp app, string route, string plainAsset)
    {
        var shipped = await File.ReadAllBytesAsync(Path.Combine(published.PublishFolder, "wwwroot", plainAsset + ".br"));
        var original = await File.ReadAllBytesAsync(Path.Combine(published.PublishFolder, "wwwroot", plainAsset));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + route);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("max-age=31536000, immutable", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal(shipped.Length, response.Content.Headers.ContentLength);
        Assert.Equal(shipped, body);
        Assert.Equal(original, await HttpAnswers.DecodedAsync(response));
        Assert.True(shipped.Length * 3 < original.Length, $"{plainAsset}: {shipped.Length} bytes br of {original.Length}");
    }
}
