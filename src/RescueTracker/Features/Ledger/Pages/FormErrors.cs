using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>
/// A command's refusal laid out for a MudForm: each input reads its own messages through its
/// <c>Error</c>/<c>ErrorText</c> parameters, the rest are shown above the form (<see cref="FormAlert"/>).
/// Replaced whole on every submit, so no message outlives the attempt it was about.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byProperty = new(StringComparer.Ordinal);

    public static FormErrors None { get; } = new();

    /// <summary>Messages that belong to no input of the form.</summary>
    public IReadOnlyList<string> General { get; private init; } = [];

    public bool Any => _byProperty.Count > 0 || General.Count > 0;

    public bool Has(string property) => _byProperty.ContainsKey(property);

    /// <summary>The property's messages as one text (most fields have one), or null.</summary>
    public string? Text(string property) => _byProperty.TryGetValue(property, out var list) ? string.Join(" ", list) : null;

    /// <summary>The id of the element that shows a property's messages (the inputs' aria-describedby points there).</summary>
    public static string Id(string property) => CommandErrors.ErrorId(property);

    /// <param name="model">The form model type, whose property names the errors are matched to.</param>
    public static FormErrors From(FieldErrors errors, Type model, Func<string, string>? itemLabel = null)
    {
        var general = new List<string>();
        var result = new FormErrors { General = general };
        foreach (var (property, text) in CommandErrors.Place(errors, CommandErrors.PropertiesOf(model), itemLabel))
        {
            if (property is null) general.Add(text);
            else if (result._byProperty.TryGetValue(property, out var list)) list.Add(text);
            else result._byProperty[property] = [text];
        }
        return result;
    }

    /// <summary>Messages for the top of the form only (the record vanished).</summary>
    public static FormErrors Of(params string[] general) => new() { General = general };
}
