using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using RescueTracker.Features.Figures;

namespace RescueTracker.Hosting.Caching;

/// <summary>
/// The generation of what the public sees. Every refresh of the figures (each admin write, each ingested
/// range) starts a new one and evicts the entries of the old. The generation is part of every cache key
/// too: a page rendered from the old state that is stored only after the eviction is never looked up.
/// </summary>
public sealed class PublicCache(IOutputCacheStore store) : IFiguresObserver
{
    public const string Tag = "public";

    private long _generation;

    public string Generation => Interlocked.Read(ref _generation).ToString(CultureInfo.InvariantCulture);

    public async ValueTask FiguresRefreshedAsync()
    {
        Interlocked.Increment(ref _generation);
        // Not cancellable: a write that committed must not leave its pages behind because its caller gave up.
        await store.EvictByTagAsync(Tag, CancellationToken.None);
    }
}
