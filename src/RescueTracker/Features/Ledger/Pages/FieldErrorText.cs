using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>
/// A command's or the account service's errors, keyed by the form model's property, for MudBlazor inputs'
/// <c>Error</c>/<c>ErrorText</c>. Commands key errors by the API's field names (<c>ethRate</c>); the form models name
/// their properties the same in Pascal case. Errors about a field the form has no input for (a stale version, the
/// record itself) are kept for a message above the form.
/// </summary>
public sealed class FieldErrorText
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];

    public IReadOnlyList<string> General => _general;

    public bool Any => _byField.Count > 0 || _general.Count > 0;

    public bool Has(string field) => _byField.ContainsKey(field);

    public string? this[string field] => _byField.GetValueOrDefault(field);

    public void Clear()
    {
        _byField.Clear();
        _general.Clear();
    }

    public void Show(FieldErrors errors, IEnumerable<string> fields)
    {
        Clear();
        var known = fields.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, message) in errors.All)
        {
            var property = char.ToUpperInvariant(key[0]) + key[1..];
            if (property != "Version" && known.Contains(property)) Add(property, message);
            else _general.Add(message);
        }
    }

    /// <summary>Account errors name their field already; one about the whole form ("") goes under the first field people see.</summary>
    public void Show(AccountResult result, string firstField)
    {
        Clear();
        foreach (var (field, message) in result.Errors) Add(field.Length > 0 ? field : firstField, message);
    }

    public void Add(string field, string message) =>
        _byField[field] = _byField.TryGetValue(field, out var existing) ? $"{existing} {message}" : message;

    public void AddGeneral(string message) => _general.Add(message);
}
