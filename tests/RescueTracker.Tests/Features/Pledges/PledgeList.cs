using System.Globalization;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Pledges;

/// <summary>
/// A seed of 122 pledges: "Pledger 001" to "Pledger 110" pledging 1 to 110 ETH (every third
/// committed, the rest proposed) and "Supporter 01" to "Supporter 12" without an amount, in that order
/// (ids 1 to 122). By domain.md part 2: pledged 6,105; committed 3 + 6 + ... + 108 = 1,998; proposed
/// 4,107; uncovered if every pledge arrives 68,900 - 6,105 = 62,795.
/// </summary>
public sealed class PledgeList : IAppProfile
{
    public const int WithAmount = 110;
    public const int Supporters = 12;
    public const int Total = WithAmount + Supporters;

    private static readonly Lazy<string> Seed = new(BuildSeed);

    public TestAppOptions Options => new() { SeedJson = Seed.Value };

    public static string Pledger(int i) => $"Pledger {i.ToString("000", CultureInfo.InvariantCulture)}";

    public static string Supporter(int i) => $"Supporter {i.ToString("00", CultureInfo.InvariantCulture)}";

    private static string BuildSeed()
    {
        var seed = TestSeed.Mainnet();
        for (var i = 1; i <= WithAmount; i++)
            seed.Pledge(Pledger(i), i.ToString(CultureInfo.InvariantCulture), "ETH", i % 3 == 0 ? "committed" : "proposed");
        for (var i = 1; i <= Supporters; i++) seed.Pledge(Supporter(i), null, null, "proposed");
        return seed.ToJson();
    }
}
