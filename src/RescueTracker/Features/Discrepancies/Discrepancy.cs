namespace RescueTracker.Features.Discrepancies;

/// <summary>What does not add up; each kind's rule is in <see cref="DiscrepancyRules"/> and the README.</summary>
public enum DiscrepancyKind
{
    UnattributedInflow,
    OverDelivered,
    PartialPastDeadline,
    ProposalPastDeadline,
    CommittedWithoutEvidence,
}

/// <summary>
/// One discrepancy: about a transfer (<see cref="TransferId"/>), a pledge (<see cref="PledgeId"/>) or both. <see cref="Detail"/>
/// says it in a sentence with exact amounts; <see cref="Since"/> is when it began.
/// </summary>
public sealed record Discrepancy(DiscrepancyKind Kind, int? PledgeId, string? Pledger, long? TransferId, string Detail, DateTimeOffset Since);

public static class DiscrepancyKinds
{
    public static IReadOnlyList<DiscrepancyKind> All { get; } = Enum.GetValues<DiscrepancyKind>();

    /// <summary>The name in the API, the CSV and the URL: <c>unattributedInflow</c>, <c>overDelivered</c>...</summary>
    public static string Text(this DiscrepancyKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Words for people, as the page's filter and table show them.</summary>
    public static string Label(this DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.UnattributedInflow => "Unattributed inflow",
        DiscrepancyKind.OverDelivered => "Over-delivered",
        DiscrepancyKind.PartialPastDeadline => "Partly paid past its deadline",
        DiscrepancyKind.ProposalPastDeadline => "Still proposed past its deadline",
        _ => "Committed without evidence",
    };

    /// <summary>Only the exact names; case or digits are not accepted.</summary>
    public static DiscrepancyKind? Parse(string text) => All.Cast<DiscrepancyKind?>().FirstOrDefault(k => k!.Value.Text() == text);
}
