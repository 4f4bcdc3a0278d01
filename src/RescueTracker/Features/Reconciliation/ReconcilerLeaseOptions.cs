using System.ComponentModel.DataAnnotations;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// <c>Reconciliation:Lease</c>: how long a chain's reconciler lease lasts and how often its holder renews it. Another
/// instance takes over at most <see cref="Duration"/> plus <see cref="RenewInterval"/> after the holder dies; the
/// instances' clocks must agree to well within <see cref="Duration"/> minus <see cref="RenewInterval"/>.
/// </summary>
public sealed class ReconcilerLeaseOptions
{
    public const string Section = "Reconciliation:Lease";

    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);
}
