using System.Globalization;
using RescueTracker.Tests.Infrastructure;
using RescueTracker.Tests.Features.Reconciliation;

namespace RescueTracker.Tests.Features.Pledges;

/// <summary>
/// The app on a seed of 122 pledges: "Pledger 001" to "Pledger 110" pledging 1 to 110 ETH (every third
/// committed, the rest proposed) and "Supporter 01" to "Supporter 12" without an amount, in that order
/// (ids 1 to 122). By domain.md part 2: pledged 6,105; committed 3 + 6 + ... + 108 = 1,998; proposed
/// 4,107; uncovered if every pledge arrives 68,900 - 6,105 = 62,795.
/// </summary>
public sealed class PledgeListApp : RescueAppFactory
{
    public const int WithAmount = 110;
    public const int Supporters = 12;
    public const int Total = WithAmount + Supporters;

    private static readonly Lazy<string> SeedFile = new(WriteSeed);

    public PledgeListApp() : base(new TempSqliteFile(), SeedFile.Value, ownsDatabase: true)
    {
    }

    public static string Pledger(int i) => $"Pledger {i.ToString("000", CultureInfo.InvariantCulture)}";

    public static string Supporter(int i) => $"Supporter {i.ToString("00", CultureInfo.InvariantCulture)}";

    private static string WriteSeed()
    {
        var seed = TestSeed.Mainnet();
        for (var i = 1; i <= WithAmount; i++)
            seed.Pledge(Pledger(i), i.ToString(CultureInfo.InvariantCulture), "ETH", i % 3 == 0 ? "committed" : "proposed");
        for (var i = 1; i <= Supporters; i++) seed.Pledge(Supporter(i), null, null, "proposed");
        var path = Path.Combine(Path.GetTempPath(), $"rescuetracker-test-pledge-list-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, seed.ToJson());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
