namespace RescueTracker.Tests.Anvil;

public sealed record AnvilNodeOptions
{
    /// <summary>Mine a block every interval instead of one per transaction (fractions of a second work).</summary>
    public TimeSpan? BlockTime { get; init; }

    /// <summary>Start with mining off; blocks then come only from <see cref="AnvilRpc.MineAsync"/>.</summary>
    public bool NoMining { get; init; }

    /// <summary>Anvil logs every request otherwise, which costs time in log-heavy benchmarks.</summary>
    public bool Silent { get; init; } = true;

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
