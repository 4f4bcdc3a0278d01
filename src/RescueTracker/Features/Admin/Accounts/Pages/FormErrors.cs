using Microsoft.AspNetCore.Components.Forms;

namespace RescueTracker.Features.Admin.Accounts.Pages;

/// <summary>Errors only the service can see (an existing email, the user's own role) shown beside their fields.</summary>
internal static class FormErrors
{
    public static void Show(EditContext edit, AccountResult result)
    {
        var store = new ValidationMessageStore(edit);
        foreach (var (field, message) in result.Errors)
        {
            // Errors about the whole form go under the first field people see, rather than nowhere.
            var name = field.Length > 0 ? field : edit.Model.GetType().GetProperties()[0].Name;
            store.Add(edit.Field(name), message);
        }
        edit.NotifyValidationStateChanged();
    }
}
