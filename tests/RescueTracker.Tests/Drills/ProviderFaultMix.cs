using RescueTracker.Tests.Faults;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// R3's provider: 30% of all requests answered HTTP 429 (Retry-After 0, one in twenty 1 s), 10% held
/// past the client's attempt timeout, and wide eth_getLogs ranges refused in the words of nine
/// providers (shared/provider-errors.md): a suggested range, a block count, or no number at all.
/// </summary>
internal static class ProviderFaultMix
{
    public const double RateLimited = 0.30;
    public const double RetryAfterOneSecond = 0.05;
    public const double TimedOut = 0.10;

    public static IEnumerable<FaultRule> Rules(Random random, TimeSpan hold)
    {
        // Each rule sees only what the rules before it let through, so the chances are conditional.
        var slow429 = RateLimited * RetryAfterOneSecond;
        yield return FaultRule.Reply(Fault.Http429(retryAfterSeconds: 1)).WithChance(slow429, random);
        yield return FaultRule.Reply(Fault.Http429(retryAfterSeconds: 0)).WithChance((RateLimited - slow429) / (1 - slow429), random);
        yield return FaultRule.Reply(Fault.Timeout(hold)).WithChance(TimedOut / (1 - RateLimited), random);

        foreach (var (fault, limit, chance) in Refusals())
            yield return FaultRule.Reply(fault).To("eth_getLogs").WhenWiderThan(limit).WithChance(chance, random);
    }

    private static IEnumerable<(Fault Fault, long Limit, double Chance)> Refusals()
    {
        yield return (Fault.InfuraTooManyResults(maxBlocks: 3), 3, 0.15);
        yield return (Fault.AlchemyResponseTooLarge(maxBlocks: 5), 5, 0.15);
        yield return (Fault.AnkrMaxResults(), 2, 0.10);
        yield return (Fault.QuickNodeRangeLimit(maxBlocks: 4), 4, 0.10);
        yield return (Fault.BlockCountLimit("blockpi", 6), 6, 0.05);
        yield return (Fault.BlockCountLimit("avalanche", 2), 2, 0.05);
        yield return (Fault.BlockCountLimit("cloudflare", 5), 5, 0.05);
        yield return (Fault.BlockCountLimit("thirdweb", 3), 3, 0.05);
        yield return (Fault.BlockCountLimit("coinbase", 7), 7, 0.05);
    }
}
