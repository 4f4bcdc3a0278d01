using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Pledges;

/// <summary>
/// Everything a governance delegate needs about one pledge; plain data, shared by the page and the API.
/// <see cref="Transfers"/> are the newest of <see cref="TransfersTotal"/>; <see cref="EvidenceChains"/> gives the
/// chain of each evidence hash shown, for its explorer link.
/// </summary>
public sealed record PledgeDetails(
    PledgeFigures Figures,
    IReadOnlyList<PledgeHistoryEntry> History,
    IReadOnlyList<string> Senders,
    IReadOnlyList<PledgeTransfer> Transfers,
    int TransfersTotal,
    IReadOnlyDictionary<string, long> EvidenceChains,
    IReadOnlyList<PledgeOffchainDelivery> OffchainDeliveries);

/// <summary>One status change; <see cref="From"/> is null for the first recorded status.</summary>
/// <summary>
/// One status change. The first (<see cref="From"/> null) carries the pledge's announcement date:
/// what a delegate needs, where <see cref="At"/> is only when it was recorded here (the seed load).
/// </summary>
public sealed record PledgeHistoryEntry(
    PledgeStatus? From,
    PledgeStatus To,
    DateTimeOffset At,
    string Reason,
    string? Source,
    string Actor,
    IReadOnlyList<string> Evidence,
    DateOnly? Announced = null);

/// <summary>
/// A transfer attributed to the pledge, pending ones included. <see cref="Counted"/> is false when
/// it is pending or in another asset than the pledge's, because then it is not part of R(p).
/// </summary>
public sealed record PledgeTransfer(
    long Id,
    long ChainId,
    string ChainName,
    string TxHash,
    TransferKind Kind,
    string Position,
    long BlockNumber,
    string From,
    string To,
    string Asset,
    ExactDecimal Amount,
    bool Confirmed,
    bool AttributedByAdmin,
    bool Counted,
    DateTimeOffset SeenAt);

/// <summary>Money an admin recorded as received outside the watched chains.</summary>
public sealed record PledgeOffchainDelivery(
    int Id,
    string Asset,
    ExactDecimal Amount,
    string EvidenceUrl,
    string? Note,
    DateTimeOffset RecordedAt,
    string RecordedBy);
