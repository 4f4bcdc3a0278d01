using System.Globalization;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>
/// Form models hold text exactly as typed: the commands parse and validate, so a form can never
/// accept what the API or the seed would refuse. Blank inputs become null, which the commands read as "not given".
/// </summary>
internal static class FormText
{
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Unparseable numbers become null; the command then says what it needs.</summary>
    public static int? Int(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static long? Long(string? text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A new proposal or an edit; the status is only chosen when entering a new pledge.</summary>
public sealed class PledgeForm
{
    public string? Pledger { get; set; }
    public string? Amount { get; set; }
    public string? Asset { get; set; }
    public string? Status { get; set; } = "proposed";
    public string? Terms { get; set; } = "grant";
    public string? TermsNote { get; set; }
    public string? GovernanceUrl { get; set; }
    public string? Source { get; set; }
    public string? Announced { get; set; }
    public string? VoteDeadline { get; set; }
    /// <summary>One address per line.</summary>
    public string? Senders { get; set; }
    /// <summary>Why an edit was made, for the audit trail (optional).</summary>
    public string? Reason { get; set; }
    public string? Version { get; set; }

    public PledgeInput ToInput(bool withStatus) => new(
        FormText.Blank(Pledger), FormText.Blank(Amount), FormText.Blank(Asset), withStatus ? FormText.Blank(Status) : null,
        FormText.Blank(Terms), FormText.Blank(TermsNote), FormText.Blank(GovernanceUrl), FormText.Blank(Source), FormText.Blank(Announced),
        FormText.Blank(VoteDeadline), SenderLines());

    /// <summary>Blank lines are skipped, so "line n" in a message counts the addresses, as listed.</summary>
    public List<string?> SenderLines() =>
        (Senders ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (string?)l).ToList();

    public static PledgeForm From(PledgeState s) => new()
    {
        Pledger = s.Pledger, Amount = s.Amount, Asset = s.Asset, Status = s.Status, Terms = s.Terms, TermsNote = s.TermsNote,
        GovernanceUrl = s.GovernanceUrl, Source = s.Source, Announced = s.Announced, VoteDeadline = s.VoteDeadline, Senders = string.Join('\n', s.Senders),
        Version = FormText.Of(s.Version),
    };

    /// <summary>The editable values, labelled, in the order the form shows them (for the "changed meanwhile" box).</summary>
    public IEnumerable<(string Label, string? Value)> Values() =>
    [
        ("Pledger", FormText.Blank(Pledger)), ("Amount", FormText.Blank(Amount)), ("Asset", FormText.Blank(Asset)),
        ("Terms", FormText.Blank(Terms)), ("Terms note", FormText.Blank(TermsNote)), ("Governance URL", FormText.Blank(GovernanceUrl)),
        ("Source", FormText.Blank(Source)), ("Announced", FormText.Blank(Announced)),
        ("Vote deadline", FormText.Blank(VoteDeadline)),
        ("Senders", string.Join(", ", SenderLines().Select(a => a!.ToLowerInvariant()).Order(StringComparer.Ordinal))),
    ];
}

/// <summary>proposed, committed or withdrawn, always with a reason and a source.</summary>
public sealed class StatusForm
{
    public string? Status { get; set; }
    public string? Reason { get; set; }
    public string? Source { get; set; }
    public string? Version { get; set; }

    public StatusChangeInput ToInput() => new(FormText.Blank(Status), FormText.Blank(Reason), FormText.Blank(Source));
}

public sealed class OffchainForm
{
    public string? Amount { get; set; }
    public string? EvidenceUrl { get; set; }
    public string? Note { get; set; }

    public OffchainDeliveryInput ToInput() => new(FormText.Blank(Amount), FormText.Blank(EvidenceUrl), FormText.Blank(Note));
}

/// <summary>The confirmations shown after a save, built from the state the command saved, never from what was typed.</summary>
public static class PledgeSaved
{
    public static string Created(PledgeState p) => $"Entered the pledge of {p.Pledger} (version {p.Version}).";

    public static string Edited(PledgeState p) => $"Saved the pledge of {p.Pledger} (now version {p.Version}).";

    public static string StatusChanged(PledgeState p) => $"{p.Pledger}'s pledge is now {p.Status} (version {p.Version}).";

    public static string Offchain(PledgeState p) => $"Recorded an off-chain delivery for {p.Pledger}; the pledge is {p.Status}.";
}

/// <summary>What the status selects offer, with the words that explain each choice.</summary>
public static class StatusChoices
{
    public static readonly IReadOnlyList<(string Value, string Text)> New =
    [
        ("proposed", "proposed (announced, vote pending)"), ("committed", "committed (vote passed or binding promise)"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Change = [.. New, ("withdrawn", "withdrawn (vote failed or pulled)")];

    public static string Text(string? value) => Change.FirstOrDefault(c => c.Value == value).Text ?? value ?? "";
}
