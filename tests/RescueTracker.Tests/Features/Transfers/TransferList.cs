using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Features.Status;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Transfers;

/// <summary>
/// The <see cref="WatchedChains"/> app with five transfers written straight into the ledger, with stETH at 0.98 ETH, in this order:
/// an erc20 stETH transfer to Lido (block 100), an unattributed native send (101), a pending
/// internal transfer to EtherFi (102), an Arbitrum send attributed by an admin to Stani (50), and a
/// confirmed native send to EtherFi in block 102 again (so the id decides the order within the block).
/// Newest first that is: Erc20ToLido is 4th, and the list reads Etherfi, Internal, Unattributed, Lido, Arbitrum.
/// </summary>
public sealed class TransferList : IAppProfile
{
    public static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    public const string Recovery = "0x2222222222222222222222222222222222222222";

    public long Erc20ToLido { get; private set; }
    public long Unattributed { get; private set; }
    public long PendingInternal { get; private set; }
    public long ArbitrumByAdmin { get; private set; }
    public long NativeToEtherFi { get; private set; }

    public int Lido { get; private set; }
    public int EtherFi { get; private set; }
    public int Stani { get; private set; }

    /// <summary>Ids newest first: block number descending, then id descending.</summary>
    public long[] NewestFirst => [NativeToEtherFi, PendingInternal, Unattributed, Erc20ToLido, ArbitrumByAdmin];

    public TestAppOptions Options => new WatchedChains().Options;

    public static string Hash(int n) => "0x" + n.ToString("x64");

    public async Task InitializeAsync(TestApp app)
    {
        var transfers = new List<Transfer>();
        await app.WriteAsync(async db =>
        {
            var assets = await db.Assets.ToDictionaryAsync(a => a.Symbol);
            assets["stETH"].EthRate = "0.98";
            var pledges = await db.Pledges.Include(p => p.Pledger).ToDictionaryAsync(p => p.Pledger!.Name, p => p.Id);
            (Lido, EtherFi, Stani) = (pledges["Lido Finance"], pledges["EtherFi Foundation"], pledges["Stani Kulechov (personal)"]);

            transfers.Add(Row(1, 1, TransferKind.Erc20, "7", 100, assets["stETH"].Id, 1000 * Ether + Ether / 2, true, Lido));
            transfers.Add(Row(2, 1, TransferKind.Native, "", 101, assets["ETH"].Id, 3 * Ether / 2, true, null));
            transfers.Add(Row(3, 1, TransferKind.Internal, "0.1", 102, assets["ETH"].Id, 2 * Ether, false, EtherFi));
            transfers.Add(Row(4, 42161, TransferKind.Native, "", 50, assets["ETH.arb"].Id, 3 * Ether, true, Stani, byAdmin: true));
            transfers.Add(Row(5, 1, TransferKind.Native, "", 102, assets["ETH"].Id, 4 * Ether, true, EtherFi));
            db.Transfers.AddRange(transfers);
        });
        (Erc20ToLido, Unattributed, PendingInternal, ArbitrumByAdmin, NativeToEtherFi) =
            (transfers[0].Id, transfers[1].Id, transfers[2].Id, transfers[3].Id, transfers[4].Id);
    }

    public static Transfer Row(
        int n, long chainId, TransferKind kind, string position, long block, int assetId, BigInteger amount, bool confirmed, int? pledgeId,
        bool byAdmin = false) => new()
    {
        ChainId = chainId, TxHash = Hash(n), Kind = kind, Position = position, BlockNumber = block, BlockHash = "0x" + (block + 5000).ToString("x64"),
        From = "0x" + n.ToString("x40"), To = Recovery, AssetId = assetId, Amount = amount, Confirmed = confirmed, PledgeId = pledgeId,
        AttributedByAdmin = byAdmin, SeenAt = new DateTimeOffset(2026, 4, 26, 9, 0, 0, TimeSpan.Zero),
    };
}
