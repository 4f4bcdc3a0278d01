using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>The app's own output-cache store, recording every entry it stores (key, tags, lifetime).</summary>
public sealed class RecordingOutputCacheStore(IOutputCacheStore inner, List<(string, string[], TimeSpan)> stored) : IOutputCacheStore
{
    /// <summary>Wraps the registered store; the list is locked while written.</summary>
    public static void Install(IServiceCollection services, List<(string, string[], TimeSpan)> stored)
    {
        var store = services.Single(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(sp => new RecordingOutputCacheStore((IOutputCacheStore)store.ImplementationFactory!(sp), stored));
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        lock (stored) stored.Add((key, tags ?? [], validFor));
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }
}
