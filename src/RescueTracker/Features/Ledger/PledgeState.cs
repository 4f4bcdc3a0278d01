using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// A pledge's editable values as the admin API returns them and the audit trail records them
/// (before and after). Amounts are exact decimal strings in token units.
/// </summary>
public sealed record PledgeState(
    int Id,
    int Version,
    string Pledger,
    string? Amount,
    string? Asset,
    string Status,
    string Terms,
    string? TermsNote,
    string? GovernanceUrl,
    string? Source,
    string? Announced,
    string? VoteDeadline,
    IReadOnlyList<string> Senders)
{
    /// <summary>Needs the pledge's Pledger, Asset and Senders loaded.</summary>
    public static PledgeState Of(Pledge p) => new(
        p.Id, p.Version, p.Pledger?.Name ?? "",
        p.Amount is { } a && p.Asset is { } asset ? ExactDecimal.FromBaseUnits(a, asset.Decimals).ToString() : null,
        p.Asset?.Symbol, p.Status.ToText(), p.Terms.ToText(), p.TermsNote, p.GovernanceUrl, p.Source,
        Day(p.Announced), Day(p.VoteDeadline),
        p.Senders.Select(s => s.Address).Order(StringComparer.Ordinal).ToList());

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
