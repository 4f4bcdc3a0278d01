using System.ComponentModel.DataAnnotations;

namespace RescueTracker.Features.Chains;

/// <summary>
/// Per-chain settings, bound from <c>Chains:{chainId}:...</c> (environment: <c>Chains__1__RpcUrl</c>).
/// A chain in the data without an RpcUrl is simply not watched.
/// </summary>
public sealed class ChainSettings
{
    public Uri? RpcUrl { get; set; }

    [Range(0, 10_000)]
    public int Confirmations { get; set; } = 12;

    [Range(0, long.MaxValue)]
    public long StartBlock { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(12);

    [Range(1, 1_000_000)]
    public int MaxLogRange { get; set; } = 2000;

    [Range(1, 10_000)]
    public int ReorgWindow { get; set; } = 64;

    /// <summary>
    /// Ranges of a new recovery address's history read per poll, after the new blocks: a long
    /// back-fill goes on over several polls instead of holding up the head.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BackfillRangesPerPoll { get; set; } = 50;

    /// <summary>Read native transfers through trace_filter when the node offers it (internal transfers included).</summary>
    public bool UseTraces { get; set; } = true;

    /// <summary>Retries for the provider's transient failures.</summary>
    public Reconciliation.ChainRetrySettings Retry { get; set; } = new();

    /// <summary>Block explorer base, e.g. https://etherscan.io; transaction links are {ExplorerUrl}/tx/{hash}.</summary>
    public Uri? ExplorerUrl { get; set; }
}

/// <summary>All configured chains, keyed by chain id.</summary>
public sealed class ChainsOptions : Dictionary<long, ChainSettings>
{
    public const string Section = "Chains";

    public string? TransactionUrl(long chainId, string txHash) =>
        TryGetValue(chainId, out var chain) && chain.ExplorerUrl is { } explorer
            ? $"{explorer.AbsoluteUri.TrimEnd('/')}/tx/{txHash}"
            : null;

    public string? AddressUrl(long chainId, string address) =>
        TryGetValue(chainId, out var chain) && chain.ExplorerUrl is { } explorer
            ? $"{explorer.AbsoluteUri.TrimEnd('/')}/address/{address}"
            : null;
}
