using System.Numerics;

namespace RescueTracker.Data;

public class Pledger : ILedgerRecord
{
    /// <summary>Optimistic concurrency: bumped on every save.</summary>
    public int Version { get; set; }
    public int Id { get; set; }
    public required string Name { get; set; }
}

public class Pledge : ILedgerRecord
{
    public int Id { get; set; }
    public int PledgerId { get; set; }
    public Pledger? Pledger { get; set; }
    /// <summary>Null only for support without an amount.</summary>
    public int? AssetId { get; set; }
    public Asset? Asset { get; set; }
    /// <summary>Base units of the asset; null means support with no amount given.</summary>
    public BigInteger? Amount { get; set; }
    public PledgeStatus Status { get; set; }
    public PledgeTerms Terms { get; set; }
    public string? TermsNote { get; set; }
    public string? GovernanceUrl { get; set; }
    public string? Source { get; set; }
    public DateOnly? Announced { get; set; }
    /// <summary>
    /// The last day (UTC) of the vote or promise the pledge waits on; past it, a pledge still proposed or only partly
    /// paid is listed among the discrepancies. Optional: most reports give none.
    /// </summary>
    public DateOnly? VoteDeadline { get; set; }
    /// <summary>Optimistic concurrency: bumped on every save of the pledge.</summary>
    public int Version { get; set; }
    public List<PledgeSender> Senders { get; set; } = [];
    public List<PledgeStatusChange> History { get; set; } = [];
}

/// <summary>An address the pledger pays from (lower-case 0x hex).</summary>
public class PledgeSender : ILedgerRecord
{
    public int Id { get; set; }
    public int PledgeId { get; set; }
    public required string Address { get; set; }
}

/// <summary>One step of a pledge's status history; never edited.</summary>
public class PledgeStatusChange : ILedgerRecord
{
    public int Id { get; set; }
    public int PledgeId { get; set; }
    /// <summary>Null for the pledge's first recorded status.</summary>
    public PledgeStatus? From { get; set; }
    public PledgeStatus To { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Reason { get; set; }
    public string? Source { get; set; }
    /// <summary>Who made the change: an editor's display name, "seed" or "reconciler".</summary>
    public required string Actor { get; set; }
    /// <summary>Transaction hashes (space separated) backing a change to delivered.</summary>
    public string? Evidence { get; set; }
}

/// <summary>Money an admin saw arrive outside the watched chains, with evidence; counts toward R(p).</summary>
public class OffchainDelivery : ILedgerRecord
{
    public int Id { get; set; }
    public int PledgeId { get; set; }
    public BigInteger Amount { get; set; }
    public required string EvidenceUrl { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}
