using System.Text.Json;

namespace RescueTracker.Tests.Features.Api;

internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        return document.RootElement.Clone();
    }

    /// <summary>The object's field names, sorted: "exactly these fields" is about the set, not the order.</summary>
    public static string[] FieldNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    public static string? Str(this JsonElement element, string name) => element.GetProperty(name).GetString();
}
