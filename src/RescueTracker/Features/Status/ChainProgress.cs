using System.Numerics;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Chains;

namespace RescueTracker.Features.Status;

/// <summary>Block arithmetic for the status page, in whole numbers so no figure is ever approximated upwards.</summary>
public static class ChainProgress
{
    /// <summary>
    /// The highest block both scanned and deep enough to count: min(scanned, head - confirmations),
    /// never below start - 1 ("nothing yet"). Null until both the head and a scanned block are known.
    /// </summary>
    public static long? LastConfirmedBlock(long startBlock, long? lastScanned, long? head, int confirmations)
    {
        if (lastScanned is not { } scanned || head is not { } h) return null;
        return Math.Max(startBlock - 1, Math.Min(scanned, h - confirmations));
    }

    /// <summary>
    /// Per chain with a scan state, its <see cref="LastConfirmedBlock(long, long?, long?, int)"/> at the chain's configured
    /// depth (the defaults for a chain no longer configured, as its rows were judged by them); chains with none yet are left out.
    /// </summary>
    public static IReadOnlyDictionary<long, long> LastConfirmedBlocks(IEnumerable<ChainScanState> states, ChainsOptions chains)
    {
        var blocks = new SortedDictionary<long, long>();
        foreach (var state in states)
        {
            var confirmations = (chains.GetValueOrDefault(state.ChainId) ?? new ChainSettings()).Confirmations;
            if (LastConfirmedBlock(state.StartBlock, state.LastScannedBlock, state.HeadBlock, confirmations) is { } block)
                blocks[state.ChainId] = block;
        }
        return blocks;
    }

    /// <summary>Blocks still to read; a head that went backwards (a reorg) is not a negative lag.</summary>
    public static long? Lag(long startBlock, long? lastScanned, long? head) =>
        head is { } h ? Math.Max(0, h - (lastScanned ?? startBlock - 1)) : null;

    /// <summary>
    /// Share of the blocks from the start block to the head already scanned, rounded down to two
    /// decimals so it reads 100 only when caught up. Null while the head is unknown.
    /// </summary>
    public static ExactDecimal? Percent(long startBlock, long? lastScanned, long? head)
    {
        if (head is not { } h) return null;
        var scanned = lastScanned ?? startBlock - 1;
        if (scanned >= h) return new ExactDecimal(100, 0);
        var total = new BigInteger(h - startBlock + 1);
        var done = new BigInteger(Math.Max(0, scanned - startBlock + 1));
        return new ExactDecimal(done * 10_000 / total, 2);
    }
}
