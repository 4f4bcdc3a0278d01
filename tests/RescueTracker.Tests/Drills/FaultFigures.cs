using RescueTracker.Tests.Faults;

namespace RescueTracker.Tests.Drills;

/// <summary>R3's figures, all measured at the proxies.</summary>
internal static class FaultFigures
{
    public static void Report(DrillReport report, IReadOnlyList<IReadOnlyList<ProxyRecord>> logs, int failedPolls, int rounds, int lanes)
    {
        var all = logs.SelectMany(l => l).ToList();
        string Share(Func<ProxyRecord, bool> which)
        {
            var n = all.Count(which);
            return $"{n} ({100.0 * n / all.Count:0.0}%)";
        }
        report.Add("RPC calls at the proxies", $"{all.Count} ({lanes} reconcilers, {rounds} catch-ups each)");
        report.Add("HTTP 429 (Retry-After 0 / 1 s)",
            $"{Share(r => r.Reply == ReplyKind.HttpRateLimited)}: {all.Count(r => r.FaultName == "HTTP 429, Retry-After 0")} / {all.Count(r => r.FaultName == "HTTP 429, Retry-After 1")}");
        report.Add("held past the attempt timeout", Share(r => r.Reply == ReplyKind.Timeout));
        report.Add("eth_getLogs refused", Share(r => r.Reply == ReplyKind.RangeRefused));
        report.Add("refusals by provider", string.Join(", ", all.Where(r => r.Reply == ReplyKind.RangeRefused)
            .GroupBy(r => r.FaultName).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}")));
        report.Add("forwarded to the node", Share(r => r.Reply == ReplyKind.Forwarded));

        var groups = logs.Select(ProxyCalls.Group).ToList();
        var calls = groups.SelectMany(g => g.Answered).ToList();
        var most = calls.MaxBy(c => c.Attempts)!;
        var delays = ProxyCalls.AddedDelays(calls);
        report.Add("calls (attempts grouped by method and params)", $"{calls.Count} answered, {groups.Sum(g => g.UnansweredAttempts)} attempts left unanswered");
        report.Add("calls by attempts needed (1 / 2 / 3 / 4+)",
            $"{calls.Count(c => c.Attempts == 1)} / {calls.Count(c => c.Attempts == 2)} / {calls.Count(c => c.Attempts == 3)} / {calls.Count(c => c.Attempts >= 4)}");
        report.Add("most attempts one call needed", $"{most.Attempts} ({most.Method})");
        report.Add("added delay per call, p50 / p99 / max (ms)",
            $"{ProxyCalls.Percentile(delays, 0.5).TotalMilliseconds:0} / {ProxyCalls.Percentile(delays, 0.99).TotalMilliseconds:0} / {delays.Max().TotalMilliseconds:0}");
        report.Add("polls failed (retries ran out; the next poll resumed)", failedPolls);
    }
}
