using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

public sealed class PledgerForm
{
    public string? Name { get; set; }
    public string? Reason { get; set; }
    public string? Version { get; set; }
}

public sealed class AssetForm
{
    public string? Symbol { get; set; }
    public string? ChainId { get; set; }
    public string? Contract { get; set; }
    public string? Decimals { get; set; } = "18";
    public string? EthRate { get; set; }
    public string? Tolerance { get; set; } = "0";
    public string? Source { get; set; }

    public AssetInput ToInput() => new(FormText.Blank(Symbol), FormText.Long(ChainId), FormText.Blank(Contract), FormText.Int(Decimals),
        FormText.Blank(EthRate), FormText.Blank(Tolerance), FormText.Blank(Source));
}

public sealed class RateForm
{
    public string? EthRate { get; set; }
    public string? Tolerance { get; set; }
    public string? Source { get; set; }
    public string? Version { get; set; }
}

public sealed class ShortfallForm
{
    public string? Label { get; set; }
    public string? Kind { get; set; } = "loss";
    public string? Amount { get; set; }
    public string? Asset { get; set; } = "ETH";
    public string? Date { get; set; }
    public string? Source { get; set; }
    public string? Version { get; set; }

    public ShortfallInput ToInput() => new(FormText.Blank(Label), FormText.Blank(Kind), FormText.Blank(Amount), FormText.Blank(Asset),
        FormText.Blank(Date), FormText.Blank(Source));

    public static ShortfallForm From(ShortfallRow s) => new()
    {
        Label = s.Label, Kind = s.Kind.ToText(), Amount = s.Amount.Replace(",", "", StringComparison.Ordinal), Asset = s.Asset,
        Date = s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Source = s.Source, Version = FormText.Of(s.Version),
    };

    public static ShortfallForm From(ShortfallState s) => new()
    {
        Label = s.Label, Kind = s.Kind, Amount = s.Amount, Asset = s.Asset, Date = s.Date, Source = s.Source, Version = FormText.Of(s.Version),
    };

    public IEnumerable<(string Label, string? Value)> Values() =>
    [
        ("Label", FormText.Blank(Label)), ("Kind", FormText.Blank(Kind)), ("Amount", FormText.Blank(Amount)), ("Asset", FormText.Blank(Asset)),
        ("Date", FormText.Blank(Date)), ("Source", FormText.Blank(Source)),
    ];
}

public sealed class RecoveryAddressForm
{
    public string? ChainId { get; set; }
    public string? Address { get; set; }
    public string? Reason { get; set; }
}

public sealed class AttributionForm
{
    public string? PledgeId { get; set; }
    public string? Reason { get; set; }
}
