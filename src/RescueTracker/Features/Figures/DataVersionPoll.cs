using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Figures;

/// <summary>
/// How a change made on another instance reaches this one: every <see cref="DataVersionPollOptions.Interval"/> the
/// <see cref="DataVersion"/> stamp is read (one row by its key), and when it is not the stamp the current figures were
/// read with, the figures are refreshed, which evicts the cached public pages as a local change does. A change made
/// here is seen at once by the write's own refresh, which reads the new stamp, so the poll finds nothing to do for it,
/// even when it read the stamp before that refresh ran (<see cref="FiguresService.RefreshUnlessReadAtAsync"/>).
/// </summary>
public sealed class DataVersionPoll(
    IDbContextFactory<RescueDbContext> dbFactory, FiguresService figures, StartupReadiness readiness, TimeProvider clock,
    IOptions<DataVersionPollOptions> options, ILogger<DataVersionPoll> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
                try
                {
                    await PollOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not read the data version; trying again in {Interval}", options.Value.Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <returns>True when the figures were refreshed.</returns>
    public async Task<bool> PollOnceAsync(CancellationToken ct)
    {
        string? stamp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            stamp = await db.DataVersions.AsNoTracking().Where(v => v.Id == DataVersion.SingleId).Select(v => v.Stamp).FirstOrDefaultAsync(ct);
        var seen = figures.Stamp;
        if (!await figures.RefreshUnlessReadAtAsync(stamp, ct)) return false;
        logger.LogDebug("Data version {Stamp} was newer than the figures' {Seen}: refreshed", stamp, seen);
        return true;
    }
}

/// <summary><c>Figures:VersionPoll</c>: how often every instance looks for changes made by the others.</summary>
public sealed class DataVersionPollOptions
{
    public const string Section = "Figures:VersionPoll";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}
