using RescueTracker.Tests.Faults;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// One request as the client meant it: every attempt with the same method and parameters (the
/// JSON-RPC id aside) up to the one that got its final answer, data or a range refusal.
/// </summary>
internal sealed record RpcCallAttempts(string Method, int Attempts, TimeSpan FirstAttempt, TimeSpan Answered, bool Refused)
{
    public TimeSpan Took => Answered - FirstAttempt;
}

/// <summary>
/// Reads the calls back out of a proxy's log, so the figures hold wherever the retrying is done
/// (a retry pipeline around each call, or a handler inside the HttpClient): only what reached the
/// provider is counted.
/// </summary>
internal static class ProxyCalls
{
    /// <summary>Answered calls, and the attempts of calls that never got an answer.</summary>
    public static (List<RpcCallAttempts> Answered, int UnansweredAttempts) Group(IEnumerable<ProxyRecord> log)
    {
        var open = new Dictionary<(string, string), List<ProxyRecord>>();
        var answered = new List<RpcCallAttempts>();
        foreach (var record in log.OrderBy(r => r.Seq))
        {
            var identity = (record.Method, record.Call.ParamsJson);
            if (!open.TryGetValue(identity, out var attempts)) open[identity] = attempts = [];
            attempts.Add(record);
            // A forwarded attempt the client abandoned (its timeout) has no answer and is retried.
            var final = record.Reply is ReplyKind.Forwarded or ReplyKind.RangeRefused && record.Answered is not null;
            if (!final) continue;
            answered.Add(new RpcCallAttempts(record.Method, attempts.Count, attempts[0].At, record.Answered!.Value, record.Reply == ReplyKind.RangeRefused));
            open.Remove(identity);
        }
        return (answered, open.Values.Sum(a => a.Count));
    }

    /// <summary>
    /// Delay the faults added to each call answered with data: from its first attempt to the answer,
    /// less the median time of the same method's calls answered at the first attempt.
    /// </summary>
    public static List<TimeSpan> AddedDelays(IReadOnlyList<RpcCallAttempts> calls)
    {
        var clean = calls.Where(c => c.Attempts == 1 && !c.Refused).GroupBy(c => c.Method)
            .ToDictionary(g => g.Key, g => Percentile(g.Select(c => c.Took).ToList(), 0.5));
        return calls.Where(c => !c.Refused)
            .Select(c => c.Took - clean.GetValueOrDefault(c.Method))
            .Select(d => d < TimeSpan.Zero ? TimeSpan.Zero : d)
            .ToList();
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        if (values.Count == 0) return TimeSpan.Zero;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
