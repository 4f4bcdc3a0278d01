using System.Numerics;
using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Seed;

/// <summary>A seed file after validation: amounts in base units, addresses in lower-case hex.</summary>
public sealed record SeedData(
    SeedRescue Rescue,
    IReadOnlyList<SeedChain> Chains,
    IReadOnlyList<SeedAsset> Assets,
    IReadOnlyList<ShortfallData> Shortfall,
    IReadOnlyList<PledgeData> Pledges);

public sealed record SeedRescue(string Name, DateOnly AsOf, string? Description);

public sealed record SeedChain(long ChainId, string Name, IReadOnlyList<string> RecoveryAddresses);

public sealed record SeedAsset(string Symbol, long ChainId, string? Contract, int Decimals, string EthRate);

/// <summary>One problem in a seed file, located by its JSON path (e.g. <c>$.pledges[2].amount</c>).</summary>
public sealed record SeedError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The seed file cannot be used; nothing was written.</summary>
public sealed class SeedFileException(string file, IReadOnlyList<SeedError> errors)
    : Exception($"Seed file '{file}' is invalid; nothing was written:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors))
{
    public string File { get; } = file;
    public IReadOnlyList<SeedError> Errors { get; } = errors;
}
