using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Tests.Faults;

/// <summary>What every fault test ends with: exactly the chain's transfers, once each, and the exact figures.</summary>
public static class FaultAssert
{
    public static async Task StoredExactlyTheChainsTransfersAsync(ReconcilerRun run)
    {
        var stored = await run.StoredAsync();
        Assert.Equal(36, run.Chain.Truth.Count);
        Assert.Equal(30, run.Chain.Truth.Count(t => t.Kind == TransferKind.Erc20));
        Assert.Equal("0", run.Chain.Truth.Single(t => t.Kind == TransferKind.Internal).Position);
        Assert.Empty(stored.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(run.Chain.Truth.OrderBy(t => t.TxHash).ThenBy(t => t.Position), stored.OrderBy(t => t.TxHash).ThenBy(t => t.Position));

        await using var db = run.Database.CreateContext();
        Assert.Equal(36, await db.Transfers.CountAsync(t => t.Confirmed));
        var statuses = await db.Pledges.AsNoTracking().Include(p => p.Pledger).ToDictionaryAsync(p => p.Pledger!.Name, p => p.Status);
        Assert.Equal(PledgeStatus.Committed, statuses["Alpha Fund"]);
        Assert.Equal(PledgeStatus.Delivered, statuses["Beta DAO"]);
        Assert.Equal(PledgeStatus.Delivered, statuses["Gamma Labs"]);

        // 80 TT + 60 TT + 12 TT at 0.5 ETH, plus 3 ETH + 0.5 ETH from a stranger + 0.5 ETH through a contract.
        var figures = run.Database.Figures.Current;
        Assert.Equal("80", figures.DeliveredEth.ToString());
        Assert.Equal("7", figures.UnattributedEth.ToString());
        Assert.Equal("10", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("0", figures.OutstandingProposedEth.ToString());
        Assert.Equal("920", figures.UncoveredNowEth.ToString());
        var received = figures.Pledges.ToDictionary(p => p.Pledger, p => p.Received.ToString());
        Assert.Equal("80", received["Alpha Fund"]);
        Assert.Equal("3", received["Beta DAO"]);
        Assert.Equal("60", received["Gamma Labs"]);
    }

    /// <summary>
    /// The ranges the node answered for <paramref name="method"/> cover first..last with no gap. Without
    /// <paramref name="allowOverlap"/> each block was also read exactly once; a failed poll legitimately
    /// re-reads the part of its range it had read before failing.
    /// </summary>
    public static void AnsweredRangesCover(IReadOnlyList<ProxyRecord> log, string method, long first, long last, bool allowOverlap)
    {
        var ranges = log.Where(r => r.Method == method && r.Reply == ReplyKind.Forwarded)
            .Select(r => (From: r.From!.Value, To: r.To!.Value)).OrderBy(r => r.From).ThenBy(r => r.To).ToList();
        var next = first;
        foreach (var (from, to) in ranges)
        {
            Assert.True(from <= next, $"{method}: blocks {next}..{from - 1} were never read.");
            Assert.True(allowOverlap || from == next, $"{method}: blocks {from}..{Math.Min(to, next - 1)} were read twice.");
            next = Math.Max(next, to + 1);
        }
        Assert.Equal(last + 1, next);
    }

    /// <summary>The first later request that repeats <paramref name="faulted"/>: its retry.</summary>
    public static ProxyRecord RetryOf(IReadOnlyList<ProxyRecord> log, ProxyRecord faulted) =>
        log.FirstOrDefault(r => r.Seq > faulted.Seq && r.IsSameRequestAs(faulted))
        ?? throw new Xunit.Sdk.XunitException($"Request {faulted.Seq} ({faulted.Method} {faulted.Call.ParamsJson}) was never retried.");

    /// <summary>The next request for <paramref name="method"/> after <paramref name="record"/>.</summary>
    public static ProxyRecord NextCall(IReadOnlyList<ProxyRecord> log, ProxyRecord record, string method) =>
        log.First(r => r.Seq > record.Seq && r.Method == method);

    /// <summary>Follows the retries of a faulted request until the node answered one of them.</summary>
    public static ProxyRecord AnsweredInTheEnd(IReadOnlyList<ProxyRecord> log, ProxyRecord faulted)
    {
        var attempt = faulted;
        while (attempt.Reply != ReplyKind.Forwarded) attempt = RetryOf(log, attempt);
        return attempt;
    }
}
