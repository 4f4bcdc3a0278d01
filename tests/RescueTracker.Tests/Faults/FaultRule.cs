namespace RescueTracker.Tests.Faults;

/// <summary>
/// When to answer with a fault, e.g. <c>FaultRule.Reply(Fault.Http429()).To("eth_getLogs").First(3)</c>.
/// The proxy tries rules in order and the first that applies answers; a rule counts only the
/// requests that reach it and pass its filters, so "every 4th" means every 4th of those.
/// </summary>
public sealed class FaultRule
{
    private readonly List<Func<RpcCall, bool>> _filters = [];
    private int? _first;
    private int? _every;
    private int? _atMost;
    private int _seen;
    private int _applied;

    private FaultRule(Fault fault) => Fault = fault;

    public Fault Fault { get; }

    public static FaultRule Reply(Fault fault) => new(fault);

    public FaultRule To(string method) => Where(c => c.Method == method);

    public FaultRule WhenWiderThan(long blocks) => Where(c => c.Width > blocks);

    public FaultRule WhenCovering(long block) => Where(c => c.From <= block && block <= c.To);

    public FaultRule Where(Func<RpcCall, bool> filter)
    {
        _filters.Add(filter);
        return this;
    }

    /// <summary>
    /// Each request that passes the other filters is faulted with this probability. Rules are tried in
    /// order, so a later rule's chance applies to what the earlier ones let through.
    /// </summary>
    public FaultRule WithChance(double chance, Random random) => Where(_ => random.NextDouble() < chance);

    /// <summary>Only the first <paramref name="n"/> requests that pass the filters.</summary>
    public FaultRule First(int n)
    {
        _first = n;
        return this;
    }

    /// <summary>Every n-th request that passes the filters (the n-th, the 2n-th, ...).</summary>
    public FaultRule Every(int n)
    {
        _every = n;
        return this;
    }

    /// <summary>Stops after <paramref name="n"/> faults, so a test's run time stays bounded.</summary>
    public FaultRule AtMost(int n)
    {
        _atMost = n;
        return this;
    }

    /// <summary>Called under the proxy's lock, once per request that reaches this rule.</summary>
    internal bool Applies(RpcCall call)
    {
        if (!_filters.TrueForAll(f => f(call))) return false;
        _seen++;
        if (_first is { } first && _seen > first) return false;
        if (_every is { } every && _seen % every != 0) return false;
        if (_atMost is { } atMost && _applied >= atMost) return false;
        _applied++;
        return true;
    }
}
