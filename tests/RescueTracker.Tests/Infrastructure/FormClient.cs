using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A form client, what a browser without JavaScript does: reads a page, fills a form found in it (hidden fields such as the antiforgery
/// token and the form name included), posts it form-encoded with the cookies it holds, and never follows redirects by itself.
/// </summary>
public sealed class FormClient(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>Opens an admin page and asserts it answered with a redirect to sign-in, the page as return URL.</summary>
    public async Task AssertSentToSignInAsync(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("/admin/login", location.AbsolutePath);
        Assert.Equal("?ReturnUrl=" + Uri.EscapeDataString(path), location.Query);
    }

    /// <summary>Fills the form matched by <paramref name="formSelector"/> on <paramref name="url"/> and submits it.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, IReadOnlyDictionary<string, string> fields) =>
        SubmitAsync(url, page => page.QuerySelector<IHtmlFormElement>(formSelector), formSelector, fields);

    /// <summary>Submits the form whose Blazor form name (the hidden <c>_handler</c> field) is <paramref name="formName"/>.</summary>
    public Task<HttpResponseMessage> SubmitNamedAsync(string url, string formName, IReadOnlyDictionary<string, string>? fields = null) =>
        SubmitAsync(url, page => page.QuerySelectorAll<IHtmlFormElement>("form")
            .SingleOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName), formName, fields ?? new Dictionary<string, string>());

    private async Task<HttpResponseMessage> SubmitAsync(string url, Func<IHtmlDocument, IHtmlFormElement?> find, string description, IReadOnlyDictionary<string, string> fields)
    {
        var (response, page) = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        var form = find(page) ?? throw new InvalidOperationException($"No form '{description}' on {url}.");
        // What a browser would send untouched: inputs as rendered, each select's chosen option, text areas.
        var values = form.QuerySelectorAll<IHtmlInputElement>("input")
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("submit" or "button") && (i.Type is not ("checkbox" or "radio") || i.IsChecked))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select").Where(s => !string.IsNullOrEmpty(s.Name)))
            values[select.Name!] = select.Value ?? "";
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea").Where(a => !string.IsNullOrEmpty(a.Name)))
            values[area.Name!] = area.Value;
        foreach (var (name, value) in fields) values[name] = value;
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return await PostAsync(action, values);
    }

    public Task<HttpResponseMessage> PostAsync(string url, IReadOnlyDictionary<string, string> fields) =>
        Client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Signs in through the form and checks the redirect.</summary>
    public async Task SignInAsync(string email, string password = TestApp.Password)
    {
        var response = await SubmitSignInAsync(email, password);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
            $"Sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> SubmitSignInAsync(string email, string password, string url = "/admin/login") =>
        SubmitAsync(url, "form[method=post]", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public void Dispose() => Client.Dispose();
}
