using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// The store side of a streamed range: rows of an eth_getLogs request that failed after they were
/// inserted (a reply cut off, an error after its result) are undone; the retry's rows stay, once.
/// </summary>
public sealed class TransferStreamStoreTests : IDisposable
{
    private static readonly EthAddress Sender = EthAddress.Parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    private static readonly EthAddress Recovery = EthAddress.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static readonly Hash32 Block = Hash32.Parse("0x" + new string('b', 64));
    private readonly TestDatabase _file = TestDatabase.Create();

    [Fact]
    public async Task Rows_of_a_failed_request_are_undone_and_the_retry_stores_each_row_once()
    {
        await _file.MigrateAsync();
        await using var db = _file.CreateContext();
        db.Chains.Add(new ChainInfo { ChainId = 1, Name = "Ethereum" });
        var asset = new Asset { Symbol = "TT", ChainId = 1, Decimals = 18, EthRate = "1" };
        db.Assets.Add(asset);
        var state = new ChainScanState { ChainId = 1, StartBlock = 0, ChainIdVerified = true };
        db.ChainScanStates.Add(state);
        await db.SaveChangesAsync();

        var stream = new TransferStream();
        await stream.BeginAttemptAsync(CancellationToken.None);
        await stream.WriteAsync([Row(asset.Id, 0, 5), Row(asset.Id, 99, 1_000_000)], CancellationToken.None);
        await stream.EndAttemptAsync(succeeded: false, CancellationToken.None);
        await stream.BeginAttemptAsync(CancellationToken.None);
        await stream.WriteAsync([Row(asset.Id, 0, 5), Row(asset.Id, 1, 7), Row(asset.Id, 1, 7)], CancellationToken.None);
        await stream.EndAttemptAsync(succeeded: true, CancellationToken.None);
        stream.Complete();
        var read = RangeRead.FromStream(2, 2, stream, Task.FromResult(new ScannedRange(2, 2, [], [])));

        var lease = await new ChainLease(1, "test", new ReconcilerLeaseOptions(), _file.Factory, TimeProvider.System, TestMetrics.New(), NullLogger.Instance)
            .HoldAsync(CancellationToken.None);
        var added = await TransferLedger.CommitRangeAsync(db, lease!, state, read, static (_, _) => Task.CompletedTask,
            head: 10, confirmations: 0, reorgWindow: 64, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal(2, added);
        await using var check = _file.CreateContext();
        var stored = await check.Transfers.OrderBy(t => t.Position).Select(t => new { t.Position, t.Amount, t.Confirmed }).ToListAsync();
        Assert.Equal([new { Position = "0", Amount = new BigInteger(5), Confirmed = true }, new { Position = "1", Amount = new BigInteger(7), Confirmed = true }],
            stored);
        Assert.Equal(2, (await check.ChainScanStates.SingleAsync()).LastScannedBlock);
    }

    private static ObservedTransfer Row(int assetId, int logIndex, long amount) => new(
        TxHash.Parse("0x" + new string('a', 64)), TransferKind.Erc20, logIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
        2, Block, Sender, Recovery, assetId, amount);

    public void Dispose() => _file.Dispose();
}
