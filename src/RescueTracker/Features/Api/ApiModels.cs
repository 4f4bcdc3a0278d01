namespace RescueTracker.Features.Api;

// Every amount is an exact decimal string ("2500", "0.98"): no separators, no units, no floating point.

public sealed record SummaryResponse(
    string ShortfallEth,
    string DeliveredEth,
    string OutstandingCommittedEth,
    string OutstandingProposedEth,
    string PledgedEth,
    string UncoveredNowEth,
    string UncoveredIfAllArriveEth,
    DateTime AsOf,
    IReadOnlyDictionary<long, long> Blocks);

public sealed record PledgeResponse(
    int Id,
    string Pledger,
    string? Asset,
    string? Amount,
    string? AmountEth,
    string Status,
    string Terms,
    string ReceivedEth,
    string? Source,
    DateOnly? VoteDeadline);

public sealed record PledgeDetailResponse(
    int Id,
    string Pledger,
    string? Asset,
    string? Amount,
    string? AmountEth,
    string Status,
    string Terms,
    string? TermsNote,
    string Received,
    string ReceivedEth,
    bool OverDelivered,
    string? Source,
    string? GovernanceUrl,
    DateOnly? Announced,
    DateOnly? VoteDeadline,
    IReadOnlyList<string> Senders,
    IReadOnlyList<HistoryResponse> History,
    IReadOnlyList<TransferResponse> Transfers,
    int TransfersTotal,
    IReadOnlyList<OffchainDeliveryResponse> OffchainDeliveries);

public sealed record HistoryResponse(string? From, string To, DateTime At, string Reason, string? Source, string Actor, IReadOnlyList<string> Evidence);

public sealed record TransferResponse(
    long Id, long ChainId, string TxHash, string Kind, int? LogIndex, long BlockNumber, string From, string To,
    string Asset, string Amount, string Status, bool AttributedByAdmin);

public sealed record OffchainDeliveryResponse(string Amount, string EvidenceUrl, string? Note, DateTime RecordedAt, string RecordedBy);
