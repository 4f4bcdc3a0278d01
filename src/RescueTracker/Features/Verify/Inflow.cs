using System.Numerics;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Verify;

/// <summary>
/// One transfer into a recovery address, as the chain shows it or as the ledger stored it. The key is the
/// ledger's own identity of a transfer: (tx hash, kind, position), position being the log index of a token
/// transfer, the trace address ("0.0") of an internal one and "" for a transaction's own value.
/// </summary>
public sealed record Inflow(
    TxHash TxHash, TransferKind Kind, string Position, long BlockNumber, Hash32 BlockHash, EthAddress From, EthAddress To, int AssetId, BigInteger Amount)
{
    public InflowKey Key => new(TxHash, Kind, Position);
}

public readonly record struct InflowKey(TxHash TxHash, TransferKind Kind, string Position)
{
    /// <summary>How a person finds it in an explorer: the hash, then where in the transaction.</summary>
    public override string ToString() => Kind switch
    {
        TransferKind.Erc20 => $"{TxHash} log {Position}",
        TransferKind.Internal => $"{TxHash} trace {Position}",
        _ => $"{TxHash} value",
    };
}
