using System.Text.Json;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>One field of an audited record: its value before and after the change (null when absent).</summary>
public sealed record AuditDiffRow(string Field, string? Before, string? After)
{
    public bool Added => Before is null && After is not null;
    public bool Removed => Before is not null && After is null;
}

/// <summary>
/// Turns the audit row's before/after JSON into the fields that changed, so a reviewer reads
/// "amount: 1000 → 1500" rather than two JSON blobs. A created record lists all its fields.
/// </summary>
internal static class AuditDiff
{
    public static List<AuditDiffRow> Of(string? before, string? after)
    {
        var old = Fields(before);
        var @new = Fields(after);
        var names = @new.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal);
        return names
            .Select(n => new AuditDiffRow(n, old.GetValueOrDefault(n), @new.GetValueOrDefault(n)))
            .Where(r => !string.Equals(r.Before, r.After, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Top-level fields as text; JSON null counts as absent. Text that is not a JSON object shows whole.</summary>
    private static Dictionary<string, string> Fields(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return fields;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                fields["value"] = Text(document.RootElement);
                return fields;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Null) fields[property.Name] = Text(property.Value);
            }
        }
        catch (JsonException)
        {
            fields["value"] = json;
        }
        return fields;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "(none)" : string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}
