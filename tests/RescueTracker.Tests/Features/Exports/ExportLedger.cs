using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Exports;

/// <summary>
/// The shipped seed with stETH at 0.98 ETH, Lido voting by 2026-05-15, Golem renamed to a name holding a comma and quotes, and transfers
/// written straight into the ledger (the reconciler loop is off): 1000.5 stETH to Lido, 4 ETH to EtherFi and
/// 2 ETH pending to EtherFi, 3 ETH to Stani attributed by an admin, and 1,001 unattributed sends of 0.001 ETH,
/// so the unattributed list alone is longer than the JSON list's 1,000-row cap.
/// </summary>
public sealed class ExportLedger : IAppProfile
{
    public const string OddName = "Golem \"GLM\" Foundation, Zug";
    public const int UnattributedSends = 1001;
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    public TestAppOptions Options { get; } = new() { ReconcilerLoop = false };

    public int Lido { get; private set; }

    public async Task InitializeAsync(TestApp app) => await app.WriteAsync(async db =>
    {
        var assets = await db.Assets.ToDictionaryAsync(a => a.Symbol);
        assets["stETH"].EthRate = "0.98";
        (await db.Pledgers.SingleAsync(p => p.Name == "Golem Foundation")).Name = OddName;
        var pledges = await db.Pledges.Include(p => p.Pledger).ToDictionaryAsync(p => p.Pledger!.Name, p => p.Id);
        Lido = pledges["Lido Finance"];
        (await db.Pledges.SingleAsync(p => p.Id == Lido)).VoteDeadline = new DateOnly(2026, 5, 15);
        var (eth, steth) = (assets["ETH"].Id, assets["stETH"].Id);
        var n = 0;
        Transfer Row(long block, int asset, BigInteger amount, bool confirmed, int? pledge, bool byAdmin = false) => new()
        {
            ChainId = 1, TxHash = "0x" + (++n).ToString("x64"), Kind = asset == steth ? TransferKind.Erc20 : TransferKind.Native,
            Position = asset == steth ? "0" : "", BlockNumber = block, BlockHash = "0x" + block.ToString("x64"),
            From = "0x" + n.ToString("x40"), To = "0x" + new string('2', 40), AssetId = asset, Amount = amount, Confirmed = confirmed,
            PledgeId = pledge, AttributedByAdmin = byAdmin, SeenAt = new DateTimeOffset(2026, 4, 26, 9, 0, 0, TimeSpan.Zero),
        };
        db.Transfers.Add(Row(100, steth, 1000 * Ether + Ether / 2, true, Lido));
        db.Transfers.Add(Row(101, eth, 4 * Ether, true, pledges["EtherFi Foundation"]));
        db.Transfers.Add(Row(102, eth, 2 * Ether, false, pledges["EtherFi Foundation"]));
        db.Transfers.Add(Row(103, eth, 3 * Ether, true, pledges["Stani Kulechov (personal)"], byAdmin: true));
        for (var i = 0; i < UnattributedSends; i++) db.Transfers.Add(Row(200 + i, eth, Ether / 1000, true, null));
    });
}
