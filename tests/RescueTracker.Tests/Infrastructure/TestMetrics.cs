using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Hosting;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>The app's instruments for classes a test builds by hand, on a meter factory of their own.</summary>
internal static class TestMetrics
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static RescueMetrics New() => new(Meters);
}
