using System.Numerics;

namespace RescueTracker.Chain;

/// <summary>
/// An ERC-20 <c>Transfer(address indexed from, address indexed to, uint256 value)</c> event,
/// with the log's position so that it can be stored once and dropped again on a reorg.
/// </summary>
public sealed record Erc20Transfer(
    EthAddress Token,
    EthAddress From,
    EthAddress To,
    BigInteger Amount,
    long BlockNumber,
    Hash32 BlockHash,
    TxHash TransactionHash,
    int LogIndex,
    bool Removed)
{
    /// <summary>keccak256("Transfer(address,address,uint256)"), the event's topic 0.</summary>
    public static Hash32 TransferTopic => TransferEventDto.Topic;
}
