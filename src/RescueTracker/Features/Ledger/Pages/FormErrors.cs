using System.ComponentModel.DataAnnotations;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>
/// A refusal laid out for a MudForm, whoever refused (the form model's own rules, a ledger command, the account
/// service): each input reads its own messages through its <c>Error</c>/<c>ErrorText</c> parameters, the rest are
/// shown above the form (<see cref="FormAlert"/>). Replaced whole on every submit, so no message outlives the
/// attempt it was about.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byProperty = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];

    public static FormErrors None { get; } = new();

    /// <summary>Messages that belong to no input of the form.</summary>
    public IReadOnlyList<string> General => _general;

    public bool Any => _byProperty.Count > 0 || _general.Count > 0;

    public bool Has(string property) => _byProperty.ContainsKey(property);

    /// <summary>The property's messages as one text (most fields have one), or null.</summary>
    public string? Text(string property) => _byProperty.TryGetValue(property, out var list) ? string.Join(" ", list) : null;

    /// <summary>The id of the element that shows a property's messages (the inputs' aria-describedby points there).</summary>
    public static string Id(string property) => CommandErrors.ErrorId(property);

    /// <summary>A command's field errors, matched to the form model's properties by name.</summary>
    /// <param name="model">The form model type, whose property names the errors are matched to.</param>
    public static FormErrors From(FieldErrors errors, Type model, Func<string, string>? itemLabel = null)
    {
        var result = new FormErrors();
        foreach (var (property, text) in CommandErrors.Place(errors, CommandErrors.PropertiesOf(model), itemLabel)) result.Add(property, text);
        return result;
    }

    /// <summary>The account service's errors name their field already; one about the whole form ("") goes under <paramref name="firstField"/>.</summary>
    public static FormErrors From(AccountResult result, string firstField)
    {
        var errors = new FormErrors();
        foreach (var (field, message) in result.Errors) errors.Add(field.Length > 0 ? field : firstField, message);
        return errors;
    }

    /// <summary>The form model's own rules (data annotations such as required fields), checked before any service sees the values.</summary>
    public static FormErrors Validate(object form)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true)) return None;
        var errors = new FormErrors();
        foreach (var result in results)
        foreach (var member in result.MemberNames)
            errors.Add(member, result.ErrorMessage ?? "");
        return errors;
    }

    /// <summary>Messages for the top of the form only (the record vanished, the service refused as a whole).</summary>
    public static FormErrors Of(params string[] general)
    {
        var errors = new FormErrors();
        errors._general.AddRange(general);
        return errors;
    }

    private void Add(string? property, string text)
    {
        if (property is null) _general.Add(text);
        else if (_byProperty.TryGetValue(property, out var list)) list.Add(text);
        else _byProperty[property] = [text];
    }
}
