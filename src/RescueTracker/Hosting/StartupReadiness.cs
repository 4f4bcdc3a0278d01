namespace RescueTracker.Hosting;

/// <summary>
/// Whether the database is migrated, seeded and the figures computed. The server listens before that (so a probe can
/// tell "starting" from "down"); until then every request but the health endpoints is answered 503 with Retry-After,
/// and background work waits here before its first query.
/// </summary>
public sealed class StartupReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public void MarkReady() => _ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
