using System.Globalization;
using System.Numerics;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>A loss or recovery in the gap's ledger, as a seed file, the admin API or a form sends it.</summary>
public sealed record ShortfallInput(string? Label, string? Kind, string? Amount, string? Asset, string? Date, string? Source);

public sealed record ShortfallData(string Label, ShortfallKind Kind, BigInteger Amount, string Asset, DateOnly Date, string Source);

public static class ShortfallValidator
{
    public static ShortfallData? Validate(ShortfallInput input, Func<string, AssetInfo?> findAsset, FieldErrors errors)
    {
        errors.Check("label", LedgerRules.CheckName(input.Label, "label"));
        ShortfallKind kind = default;
        if (input.Kind is null) errors.Add("kind", "The kind is required: loss or recovery.");
        else if (!EnumText.TryParse(input.Kind, out kind))
            errors.Add("kind", $"'{PledgeValidator.Shorten(input.Kind)}' is not a kind; use loss or recovery.");

        var asset = input.Asset is null ? null : findAsset(input.Asset);
        if (input.Asset is null) errors.Add("asset", "The asset is required.");
        else if (asset is null) errors.Add("asset", $"Unknown asset '{PledgeValidator.Shorten(input.Asset)}'.");

        BigInteger amount = default;
        if (asset is not null) errors.Check("amount", LedgerRules.CheckAmount(input.Amount, asset.Decimals, asset.Symbol, out amount));
        else if (input.Amount is null) errors.Add("amount", "The amount is required.");

        DateOnly date = default;
        if (input.Date is null) errors.Add("date", "The date is required (YYYY-MM-DD).");
        else if (!DateOnly.TryParseExact(input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add("date", $"'{PledgeValidator.Shorten(input.Date)}' is not a date in the form YYYY-MM-DD.");

        errors.Check("source", LedgerRules.CheckUrl(input.Source, "source"));
        return errors.Any ? null : new ShortfallData(input.Label!, kind, amount, asset!.Symbol, date, input.Source!);
    }
}
