namespace RescueTracker.Data;

public enum PledgeStatus { Proposed, Committed, Delivered, Withdrawn }

public enum PledgeTerms { Grant, Loan, Conditional }

public enum ShortfallKind { Loss, Recovery }

public enum TransferKind { Erc20, Native, Internal }

public enum WebhookDeliveryStatus { Pending, Delivered, Abandoned }

/// <summary>Lower-case names used in the seed file, the API and the database.</summary>
public static class EnumText
{
    public static string ToText<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        // Enum.TryParse accepts digits and comma lists; only the exact lower-case names are valid here.
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToText(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }
}
