namespace RescueTracker.Features.Ledger;

/// <summary>
/// Validation messages keyed by the field's name as the client sent it (<c>amount</c>,
/// <c>senders</c>): the API returns them as problem details, forms show them beside their inputs.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Adds the message when a rule found a problem (non-null), and says whether it did.</summary>
    public bool Check(string field, string? message)
    {
        if (message is null) return false;
        Add(field, message);
        return true;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Keys as the API reports them: <c>senders[2]</c> becomes <c>senders</c>, with the position in the message.</summary>
    public IDictionary<string, string[]> ByTopLevelField() => _errors
        .SelectMany(e => e.Value.Select(m => (Field: TopLevel(e.Key, out var index), Message: index is null ? m : $"Item {index + 1}: {m}")))
        .GroupBy(e => e.Field, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    private static string TopLevel(string key, out int? index)
    {
        index = null;
        var bracket = key.IndexOf('[');
        if (bracket < 0) return key;
        if (int.TryParse(key.AsSpan(bracket + 1, key.Length - bracket - 2), out var i)) index = i;
        return key[..bracket];
    }

    public IEnumerable<(string Field, string Message)> All => _errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));
}
