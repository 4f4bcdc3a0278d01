using System.Globalization;
using System.Numerics;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>A pledge as a seed file, the admin API or an admin form sends it: every field as text.</summary>
public sealed record PledgeInput(
    string? Pledger,
    string? Amount,
    string? Asset,
    string? Status,
    string? Terms,
    string? TermsNote,
    string? GovernanceUrl,
    string? Source,
    string? Announced,
    string? VoteDeadline,
    IReadOnlyList<string?>? Senders);

/// <summary>A pledge that passed every rule: amount in base units, senders in lower-case hex.</summary>
public sealed record PledgeData(
    string Pledger,
    BigInteger? Amount,
    string? Asset,
    PledgeStatus Status,
    PledgeTerms Terms,
    string? TermsNote,
    string? GovernanceUrl,
    string? Source,
    DateOnly? Announced,
    DateOnly? VoteDeadline,
    IReadOnlyList<string> Senders);

/// <summary>What a validator needs to know of an asset.</summary>
public sealed record AssetInfo(string Symbol, int Decimals);

/// <summary>
/// The rules a pledge must meet wherever it comes from. Errors are keyed by the input's field
/// names; checks that need other pledges (a sender belongs to one open pledge) are the caller's.
/// </summary>
public static class PledgeValidator
{
    /// <param name="currentStatus">
    /// For an edit: the pledge's status, which an edit cannot change (a status change needs its own
    /// reason and source); the input's status must then be absent or the same.
    /// </param>
    public static PledgeData? Validate(
        PledgeInput input, Func<string, AssetInfo?> findAsset, IReadOnlyCollection<PledgeStatus> allowedStatuses, FieldErrors errors,
        PledgeStatus? currentStatus = null)
    {
        errors.Check("pledger", LedgerRules.CheckName(input.Pledger, "pledger"));

        AssetInfo? asset = null;
        if (input.Asset is not null)
        {
            asset = findAsset(input.Asset);
            if (asset is null) errors.Add("asset", $"Unknown asset '{Shorten(input.Asset)}'.");
        }
        else if (input.Amount is not null)
        {
            errors.Add("asset", "The asset is required when an amount is given.");
        }

        BigInteger? amount = null;
        if (input.Amount is not null && asset is not null)
        {
            if (!errors.Check("amount", LedgerRules.CheckAmount(input.Amount, asset.Decimals, asset.Symbol, out var units))) amount = units;
        }
        else if (input.Amount is not null && asset is null && !errors.Has("asset"))
        {
            errors.Add("amount", "The amount needs a known asset.");
        }

        var status = currentStatus is { } current ? KeepStatus(input.Status, current, errors) : ParseStatus(input.Status, allowedStatuses, errors);
        PledgeTerms terms = default;
        if (input.Terms is null) errors.Add("terms", "The terms are required: grant, loan or conditional.");
        else if (!EnumText.TryParse(input.Terms, out terms))
            errors.Add("terms", $"'{Shorten(input.Terms)}' is not a kind of terms; use grant, loan or conditional.");

        errors.Check("termsNote", LedgerRules.CheckNote(input.TermsNote, "terms note"));
        if (input.GovernanceUrl is not null) errors.Check("governanceUrl", LedgerRules.CheckUrl(input.GovernanceUrl, "governance URL"));
        if (input.Source is not null) errors.Check("source", LedgerRules.CheckUrl(input.Source, "source"));
        if (status == PledgeStatus.Committed && input.GovernanceUrl is null && input.Source is null)
            errors.Add("status", "A committed pledge needs its evidence: a governanceUrl (the passed vote) or a source.");

        var announced = Date(input.Announced, "announced", errors);
        var voteDeadline = Date(input.VoteDeadline, "voteDeadline", errors);
        if (voteDeadline is { } deadline && announced is { } day && deadline < day)
            errors.Add("voteDeadline", $"The vote deadline {Day(deadline)} is before the announcement ({Day(day)}).");

        var senders = Senders(input.Senders, errors);
        return errors.Any || input.Pledger is null || status is null || senders is null
            ? null
            : new PledgeData(input.Pledger, amount, asset?.Symbol, status.Value, terms, input.TermsNote, input.GovernanceUrl, input.Source,
                announced, voteDeadline, senders);
    }

    /// <summary>An optional day in the one form the ledger takes, YYYY-MM-DD; anything else is an error on <paramref name="field"/>.</summary>
    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, $"'{Shorten(text)}' is not a date in the form YYYY-MM-DD.");
        return null;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static PledgeStatus? KeepStatus(string? text, PledgeStatus current, FieldErrors errors)
    {
        if (text is null || text == current.ToText()) return current;
        errors.Add("status", $"An edit keeps the status ({current.ToText()}); change it through the status change, with a reason and a source.");
        return null;
    }

    public static PledgeStatus? ParseStatus(string? text, IReadOnlyCollection<PledgeStatus> allowed, FieldErrors errors)
    {
        var names = string.Join(", ", allowed.Select(s => s.ToText()));
        if (text is null)
        {
            errors.Add("status", $"The status is required: {names}.");
            return null;
        }
        if (!EnumText.TryParse<PledgeStatus>(text, out var status))
        {
            errors.Add("status", $"'{Shorten(text)}' is not a status; use {names}.");
            return null;
        }
        if (status == PledgeStatus.Delivered)
        {
            errors.Add("status", "Delivered is never set by hand: it follows received transfers or a recorded off-chain delivery.");
            return null;
        }
        if (!allowed.Contains(status))
        {
            errors.Add("status", $"'{text}' is not allowed here; use {names}.");
            return null;
        }
        return status;
    }

    /// <summary>
    /// Every address checked (all lower case, or a matching EIP-55 checksum); no address twice.
    /// Errors are keyed <c>senders[i]</c>; <see cref="FieldErrors.ByTopLevelField"/> folds them into <c>senders</c>.
    /// </summary>
    public static List<string>? Senders(IReadOnlyList<string?>? senders, FieldErrors errors)
    {
        if (senders is null) return [];
        var result = new List<string>();
        for (var i = 0; i < senders.Count; i++)
        {
            var field = $"senders[{i}]";
            if (LedgerRules.CheckAddress(senders[i], out var lower) is { } error) errors.Add(field, error);
            else if (result.Contains(lower)) errors.Add(field, $"Address {lower} is listed twice.");
            else result.Add(lower);
        }
        return result.Count == senders.Count ? result : null;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
