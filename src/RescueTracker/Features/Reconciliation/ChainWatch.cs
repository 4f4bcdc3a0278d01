using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>What to look for on one chain: transfers of its assets into its recovery addresses.</summary>
public sealed record ChainWatch(
    long ChainId,
    IReadOnlyList<EthAddress> RecoveryAddresses,
    IReadOnlyDictionary<EthAddress, int> TokenAssets,
    int? NativeAssetId)
{
    public bool HasWork => RecoveryAddresses.Count > 0 && (TokenAssets.Count > 0 || NativeAssetId is not null);

    /// <summary>Read afresh each poll: admins may add recovery addresses or assets at any time.</summary>
    public static async Task<ChainWatch> LoadAsync(RescueDbContext db, long chainId, CancellationToken ct)
    {
        var addresses = await db.RecoveryAddresses.AsNoTracking().Where(a => a.ChainId == chainId)
            .Select(a => a.Address).ToListAsync(ct);
        var assets = await db.Assets.AsNoTracking().Where(a => a.ChainId == chainId)
            .Select(a => new { a.Id, a.Contract }).ToListAsync(ct);
        return new ChainWatch(
            chainId,
            addresses.Select(EthAddress.Parse).ToList(),
            assets.Where(a => a.Contract is not null).ToDictionary(a => EthAddress.Parse(a.Contract!), a => a.Id),
            assets.FirstOrDefault(a => a.Contract is null)?.Id);
    }
}

/// <summary>A transfer into a recovery address as read from the node, not yet stored.</summary>
public sealed record ObservedTransfer(
    TxHash TxHash,
    TransferKind Kind,
    string Position,
    long BlockNumber,
    Hash32 BlockHash,
    EthAddress From,
    EthAddress To,
    int AssetId,
    System.Numerics.BigInteger Amount);

/// <summary>A block's identity, kept for the blocks near the head so reorganisations can be seen.</summary>
public sealed record BlockHeader(long Number, Hash32 Hash, Hash32 ParentHash);

/// <summary>Everything read for one block range: stored together, or not at all.</summary>
public sealed record ScannedRange(long From, long To, IReadOnlyList<ObservedTransfer> Transfers, IReadOnlyList<BlockHeader> Headers);
