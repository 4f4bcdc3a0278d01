using System.Diagnostics.CodeAnalysis;
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

    /// <summary>
    /// Decodes a log that is exactly an ERC-20 Transfer. ERC-721 emits the same topic 0 with the
    /// token id as a fourth topic and no data, and some old tokens index nothing; those and any
    /// other shape are refused rather than read as an amount.
    /// </summary>
    public static bool TryDecode(RpcLog log, [NotNullWhen(true)] out Erc20Transfer? transfer)
    {
        ArgumentNullException.ThrowIfNull(log);
        transfer = null;
        if (log.Topics.Count != 3 || log.Topics[0] != TransferTopic || log.Data.Length != 32) return false;

        Span<byte> word = stackalloc byte[Hash32.Size];
        log.Topics[1].CopyTo(word);
        if (!EthAddress.TryFromWord(word, out var from)) return false;
        log.Topics[2].CopyTo(word);
        if (!EthAddress.TryFromWord(word, out var to)) return false;

        var amount = new BigInteger(log.Data.Span, isUnsigned: true, isBigEndian: true);
        transfer = new Erc20Transfer(log.Address, from, to, amount, log.BlockNumber, log.BlockHash, log.TransactionHash, log.LogIndex, log.Removed);
        return true;
    }
}
