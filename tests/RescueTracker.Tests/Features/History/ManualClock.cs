namespace RescueTracker.Tests.Features.History;

/// <summary>A clock that stands still until a test moves it, so each revision's time is known exactly.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public DateTimeOffset Now => _now;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
