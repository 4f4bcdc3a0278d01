using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Forms;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>
/// Puts a command's field errors beside the form's inputs. The commands key errors by the API's field
/// names (<c>termsNote</c>, <c>senders[2]</c>); the form models name their properties the same in Pascal
/// case, so each message lands on its input. Errors about a field the form has no input for (a stale
/// version, the transfer itself) are returned for a message at the top of the form.
/// </summary>
internal static partial class CommandErrors
{
    /// <summary>For an <see cref="EditForm"/>: the messages go into a validation message store the inputs read.</summary>
    public static IReadOnlyList<string> Show(EditContext edit, FieldErrors errors, Func<string, string>? itemLabel = null)
    {
        var store = new ValidationMessageStore(edit);
        var general = new List<string>();
        foreach (var (property, text) in Place(errors, PropertiesOf(edit.Model.GetType()), itemLabel))
        {
            if (property is null) general.Add(text);
            else store.Add(edit.Field(property), text);
        }
        edit.NotifyValidationStateChanged();
        return general;
    }

    /// <summary>
    /// Each error with the form model property it belongs to, or null for one that belongs to no input.
    /// A list item's message says which item, since the whole list is one textarea.
    /// </summary>
    public static IEnumerable<(string? Property, string Text)> Place(FieldErrors errors, IReadOnlySet<string> properties, Func<string, string>? itemLabel = null)
    {
        foreach (var (key, message) in errors.All)
        {
            var match = Item().Match(key);
            var field = match.Success ? match.Groups["field"].Value : key;
            var property = char.ToUpperInvariant(field[0]) + field[1..];
            var text = match.Success ? $"{(itemLabel ?? DefaultItemLabel)(match.Groups["index"].Value)}: {message}" : message;
            yield return (property != "Version" && properties.Contains(property) ? property : null, text);
        }
    }

    public static IReadOnlySet<string> PropertiesOf(Type model) => model.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The id of the element holding a field's messages, for the input's aria-describedby; null while it has none.</summary>
    public static string? DescribedBy(this EditContext edit, string field, string? hintId = null)
    {
        var ids = string.Join(' ', new[] { hintId, edit.GetValidationMessages(edit.Field(field)).Any() ? ErrorId(field) : null }.OfType<string>());
        return ids.Length == 0 ? null : ids;
    }

    public static string ErrorId(string field) => $"{field.ToLowerInvariant()}-error";

    private static string DefaultItemLabel(string index) => $"Line {int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) + 1}";

    [GeneratedRegex(@"^(?<field>[A-Za-z]+)\[(?<index>\d+)\]$")]
    private static partial Regex Item();
}
