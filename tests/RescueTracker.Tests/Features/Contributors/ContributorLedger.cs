using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Contributors;

/// <summary>
/// The custom seed (stETH at 0.98, USDC of 6 decimals at 0.0004) with these transfers into its recovery address:
/// A sends 100 and 50.5 stETH to Lido (blocks 100, 110: 150.5 × 0.98 = 147.49) and 1 ETH nobody claims (block 120);
/// B 200 ETH to Stani (block 105); C 1,000 USDC to Tether (block 130: 0.4); D a 30-digit wei amount, unattributed
/// (block 90: 123,456,789,012.34567890123456789 ETH, longer than any nine-digit piece); E 5 ETH still pending.
/// Delivered on-chain: 123,456,789,361.23567890123456789 ETH from 4 wallets in 6 confirmed transfers.
/// </summary>
public static class ContributorLedger
{
    public const string A = "0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa";
    public const string B = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB";
    public const string C = "0xcCcCCCCcccCCcCCCcCCcCcCcCcCCCCcCcCcCccCC";
    public const string D = "0xdDdDddDdDdddDDddDDddDDDDdDdDDdDDdDDDDDDd";
    public const string E = "0xeEEEeEEeEEEEEeEEEEeeEEeEeeEEeEeEEEeEEeEe";

    public static async Task<TestApp> StartAsync()
    {
        var app = new TestApp(new CustomSeed().Options);
        var lido = await app.PledgeIdAsync("Lido Finance");
        var stani = await app.PledgeIdAsync("Stani");
        var tether = await app.PledgeIdAsync("Tether");
        var e18 = BigInteger.Pow(10, 18);
        await app.WriteAsync(async db =>
        {
            var assets = await db.Assets.ToDictionaryAsync(a => a.Symbol, a => a.Id);
            var n = 0;
            void Add(string from, string asset, BigInteger amount, long block, int? pledge, bool confirmed = true) => db.Transfers.Add(new Transfer
            {
                ChainId = 1, TxHash = $"0x{++n:x64}", Kind = TransferKind.Native, Position = "", BlockNumber = block, BlockHash = $"0x{block:x64}",
                From = from, To = "0x2222222222222222222222222222222222222222", AssetId = assets[asset], Amount = amount,
                Confirmed = confirmed, PledgeId = pledge, SeenAt = FixedClock.SeedTime,
            });
            Add(A, "stETH", 100 * e18, 100, lido);
            Add(A, "stETH", 505 * e18 / 10, 110, lido);
            Add(A, "ETH", e18, 120, null);
            Add(B, "ETH", 200 * e18, 105, stani);
            Add(C, "USDC", 1000_000000, 130, tether);
            Add(D, "ETH", BigInteger.Parse("123456789012345678901234567890"), 90, null);
            Add(E, "ETH", 5 * e18, 140, null, confirmed: false);
        });
        return app;
    }
}
