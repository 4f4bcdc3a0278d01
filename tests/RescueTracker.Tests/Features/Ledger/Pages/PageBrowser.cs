using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// A browser without JavaScript: it keeps cookies, never follows redirects by itself, and submits a form the
/// way a browser would: every named input, textarea and select with its current value (hidden fields such as
/// the antiforgery token, the form name and the version included), with the fields a test sets replaced.
/// </summary>
public sealed class PageBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>The display name of the account it signed in as, when known: the actor of changes made for it.</summary>
    public string? DisplayName { get; set; }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>Reads the form named <paramref name="formName"/> (Blazor's <c>_handler</c> field) from the page at <paramref name="url"/>.</summary>
    public async Task<LoadedForm> LoadFormAsync(string url, string formName)
    {
        var (response, page) = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return LoadedForm.From(page, formName, url);
    }

    public Task<HttpResponseMessage> SubmitAsync(LoadedForm form, IReadOnlyDictionary<string, string>? changes = null)
    {
        var values = new Dictionary<string, string>(form.Values, StringComparer.Ordinal);
        foreach (var (name, value) in changes ?? new Dictionary<string, string>()) values[name] = value;
        return Client.PostAsync(form.Action, new FormUrlEncodedContent(values));
    }

    /// <summary>Loads the page, fills its form and posts it in one go.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formName, IReadOnlyDictionary<string, string> changes) =>
        await SubmitAsync(await LoadFormAsync(url, formName), changes);

    public async Task SignInAsync(string email, string password)
    {
        var (_, page) = await GetAsync("/admin/login");
        var form = page.QuerySelector<IHtmlFormElement>("form[method=post]")!;
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        values["Input.Email"] = email;
        values["Input.Password"] = password;
        var response = await Client.PostAsync("/admin/login", new FormUrlEncodedContent(values));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Sign-in answered {(int)response.StatusCode}");
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public void Dispose() => Client.Dispose();
}

public sealed record LoadedForm(string Action, IReadOnlyDictionary<string, string> Values)
{
    public static LoadedForm From(IHtmlDocument page, string formName, string url)
    {
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .SingleOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not ("submit" or "button")))
            values[input.Name!] = input.Value;
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
            values[area.Name!] = area.Value;
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
            values[select.Name!] = select.Value ?? "";
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return new LoadedForm(action, values);
    }
}
