using RescueTracker.Hosting.Caching;

namespace RescueTracker.Features.Status;

/// <summary>
/// One chain's reconciliation progress; progressPercent is an exact decimal string ("42.5");
/// backfills lists recovery addresses added later whose own history is still being read;
/// reconciler names the instance holding the chain's lease (null before any instance took it).
/// </summary>
public sealed record ChainStatusResponse(
    long ChainId,
    string? Name,
    bool Configured,
    bool ChainIdVerified,
    long? HeadBlock,
    long? LastConfirmedBlock,
    long? LastScannedBlock,
    long? LagBlocks,
    string? ProgressPercent,
    bool? TracesSupported,
    bool Halted,
    string? LastError,
    DateTime? LastErrorAt,
    DateTime? LastPolledAt,
    int? Confirmations,
    int? ReorgWindow,
    IReadOnlyList<AddressBackfill> Backfills,
    ReconcilerHolderResponse? Reconciler);

/// <summary>The instance running the chain's reconciler, the lease's epoch, since when, and until when unless renewed.</summary>
public sealed record ReconcilerHolderResponse(string Instance, long Epoch, DateTime Since, DateTime ExpiresAt);

public static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", async (ChainStatusQuery query, CancellationToken ct) =>
            {
                var rows = await query.GetAsync(ct);
                return TypedResults.Ok(rows.Select(ToResponse).ToList());
            })
            .WithName("GetStatus").WithSummary("Per chain: configured or not, how far it has been read, traces, the last error.")
            .CacheOutput(new PublicCacheAttribute { ShowsChainProgress = true });
        return api;
    }

    public static ChainStatusResponse ToResponse(ChainStatus s) => new(
        s.ChainId, s.Name, s.Configured, s.ChainIdVerified, s.HeadBlock, s.LastConfirmedBlock, s.LastScannedBlock, s.LagBlocks,
        s.ProgressPercent?.ToString(), s.TracesSupported, s.Halted, s.LastError, s.LastErrorAt?.UtcDateTime, s.LastPolledAt?.UtcDateTime,
        s.Confirmations, s.ReorgWindow, s.Backfills,
        s.Reconciler is { } r ? new ReconcilerHolderResponse(r.Instance, r.Epoch, r.Since.UtcDateTime, r.ExpiresAt.UtcDateTime) : null);
}
