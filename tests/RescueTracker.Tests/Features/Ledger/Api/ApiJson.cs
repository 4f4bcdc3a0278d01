using System.Net;
using System.Text.Json;

namespace RescueTracker.Tests.Features.Ledger.Api;

internal static class ApiJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode}: not JSON ({e.Message}): {text}");
        }
    }

    public static string? Str(this JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>The keys of a validation problem's <c>errors</c>, sorted.</summary>
    public static string[] ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Asserts a 400 validation problem whose errors name exactly these fields, and returns it.
    /// </summary>
    public static async Task<JsonElement> AssertInvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(fields.Order(StringComparer.Ordinal).ToArray(), problem.ErrorFields());
        return problem;
    }

    /// <summary>The messages for one field of a validation problem, joined: for "the message says why" checks.</summary>
    public static string Messages(this JsonElement problem, string field) =>
        string.Join(" | ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));
}
