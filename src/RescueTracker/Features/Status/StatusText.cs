using System.Globalization;

namespace RescueTracker.Features.Status;

/// <summary>Status text for people, identical whatever the server's culture.</summary>
public static class StatusText
{
    public static string Block(long block) => block.ToString("N0", CultureInfo.InvariantCulture);

    public static string Block(long? block) => block is { } b ? Block(b) : "unknown";

    /// <summary>The environment-variable form, which is how operators usually set it.</summary>
    public static string RpcUrlSetting(long chainId) => $"Chains__{chainId}__RpcUrl";

    public static string DisplayName(ChainStatus chain) => chain.Name ?? $"Chain {chain.ChainId}";

    /// <summary>"Ethereum: checked up to block 19,000,000 (12 confirmations)".</summary>
    public static string CheckedUpTo(ChainStatus chain)
    {
        var name = DisplayName(chain);
        if (!chain.Configured) return $"{name}: not watched";
        if (chain.Halted) return $"{name}: stopped after a reorganisation deeper than the reorg window";
        if (!chain.HasConfirmedBlock) return $"{name}: no confirmed block checked yet";
        var depth = chain.Confirmations == 1 ? "1 confirmation" : $"{chain.Confirmations} confirmations";
        return $"{name}: checked up to block {Block(chain.LastConfirmedBlock)} ({depth})";
    }
}
