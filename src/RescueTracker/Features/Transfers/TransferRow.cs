using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Transfers;

/// <summary>
/// One transfer into a recovery address, as listed. <see cref="AmountEth"/> uses the asset's current
/// rate; <see cref="Pledger"/> is null when the transfer is attributed to no pledge.
/// </summary>
public sealed record TransferRow(
    long Id,
    long ChainId,
    string ChainName,
    string TxHash,
    TransferKind Kind,
    int? LogIndex,
    long BlockNumber,
    string From,
    string To,
    string Asset,
    ExactDecimal Amount,
    ExactDecimal AmountEth,
    bool Confirmed,
    int? PledgeId,
    string? Pledger,
    bool AttributedByAdmin);

/// <summary>One page of the list and the number of rows matching the filter across all pages.</summary>
public sealed record TransferPage(IReadOnlyList<TransferRow> Rows, int Total);
