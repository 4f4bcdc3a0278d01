namespace RescueTracker.Chain;

/// <summary>
/// An eth_getLogs filter over an inclusive block range. <see cref="Topics"/> is positional:
/// null at a position matches anything, a list matches any of its values (so
/// <c>[[Transfer], null, [recovery]]</c> selects Transfers to the recovery address).
/// </summary>
public sealed record LogFilter(
    long FromBlock,
    long ToBlock,
    IReadOnlyList<EthAddress> Addresses,
    IReadOnlyList<IReadOnlyList<Hash32>?>? Topics = null)
{
    public long FromBlock { get; } = FromBlock >= 0 && FromBlock <= ToBlock
        ? FromBlock
        : throw new ArgumentOutOfRangeException(nameof(FromBlock), FromBlock, $"The range {FromBlock}..{ToBlock} is empty or negative.");
}
