using System.ComponentModel.DataAnnotations;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Features.Admin.Accounts.Pages;

/// <summary>The form models' own rules (required fields), checked before the service sees the values.</summary>
internal static class FormErrors
{
    /// <summary>Puts each broken rule's message beside its field; true when none is broken.</summary>
    public static bool Check(object form, FieldErrorText errors)
    {
        errors.Clear();
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true)) return true;
        foreach (var result in results)
        foreach (var member in result.MemberNames)
            errors.Add(member, result.ErrorMessage ?? "");
        return false;
    }
}
