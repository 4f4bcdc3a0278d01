namespace RescueTracker.Tests.Infrastructure;

/// <summary>A clock stopped at one instant, so seeded timestamps are known in advance.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Well before any test runs: a later real-time write is always newer.</summary>
    public static readonly DateTimeOffset SeedTime = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
