using System.Globalization;
using System.Text.Json;

namespace RescueTracker.Features.Seed;

/// <summary>
/// Reads the fields of one JSON object by name, recording a located error for every missing,
/// mistyped or unexpected field instead of stopping at the first.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly List<SeedError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    public string Path { get; }

    private JsonFields(JsonElement element, string path, List<SeedError> errors)
    {
        _object = element;
        Path = path;
        _errors = errors;
    }

    public static JsonFields? Open(JsonElement element, string path, List<SeedError> errors)
    {
        if (element.ValueKind == JsonValueKind.Object) return new JsonFields(element, path, errors);
        errors.Add(new SeedError(path, $"Expected an object, found {Describe(element)}."));
        return null;
    }

    public void Error(string field, string message)
    {
        _failed.Add(field);
        _errors.Add(new SeedError(At(field), message));
    }

    /// <summary>Whether reading the field already failed (missing, mistyped): a later rule need not repeat it.</summary>
    public bool HasError(string field) => _failed.Contains(field);

    public string At(string field) => $"{Path}.{field}";

    /// <summary>Names the fields that are not part of the format: usually a misspelt one.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _object.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
                _errors.Add(new SeedError(At(property.Name), "Unknown field; check its spelling against the seed format."));
        }
    }

    private JsonElement? Field(string name)
    {
        _read.Add(name);
        if (_object.TryGetProperty(name, out var value)) return value;
        Error(name, "Missing field.");
        return null;
    }

    public string? String(string name, bool nullable = false)
    {
        if (Field(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (nullable && value.ValueKind == JsonValueKind.Null) return null;
        Error(name, $"Expected a string{(nullable ? " or null" : "")}, found {Describe(value)}.");
        return null;
    }

    /// <summary>A string field that may be left out (null when absent or null).</summary>
    public string? OptionalString(string name)
    {
        _read.Add(name);
        if (!_object.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Error(name, $"Expected a string or null, found {Describe(value)}.");
        return null;
    }

    /// <summary>A whole-number field that may be left out (null when absent or null).</summary>
    public long? OptionalInteger(string name)
    {
        _read.Add(name);
        if (!_object.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
        Error(name, $"Expected a whole number, found {Describe(value)}.");
        return null;
    }

    public long? Integer(string name)
    {
        if (Field(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
        Error(name, $"Expected a whole number, found {Describe(value)}.");
        return null;
    }

    public IReadOnlyList<JsonElement>? Array(string name)
    {
        if (Field(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().ToList();
        Error(name, $"Expected an array, found {Describe(value)}.");
        return null;
    }

    public JsonFields? Object(string name)
    {
        if (Field(name) is not { } value) return null;
        return Open(value, At(name), _errors);
    }

    public DateOnly? Date(string name, bool nullable = false)
    {
        var text = String(name, nullable);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(name, $"'{text}' is not a date in the form YYYY-MM-DD.");
        return null;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
