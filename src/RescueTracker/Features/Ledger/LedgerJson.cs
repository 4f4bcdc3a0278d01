using RescueTracker.Features.Seed;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// Reads a pledge or a shortfall item from JSON in the seed file's format, field by field, so the
/// seed loader and the admin API agree on names, types and which fields may be null.
/// </summary>
internal static class LedgerJson
{
    public static PledgeInput ReadPledge(JsonFields f) => new(
        f.String("pledger"), f.String("amount", nullable: true), f.String("asset", nullable: true), f.String("status"),
        f.String("terms"), f.String("termsNote", nullable: true), f.String("governanceUrl", nullable: true),
        f.String("source", nullable: true), f.String("announced", nullable: true), f.OptionalString("voteDeadline"),
        Strings(f, "senders"));

    public static ShortfallInput ReadShortfall(JsonFields f) => new(
        f.String("label"), f.String("kind"), f.String("amount"), f.String("asset"), f.String("date"), f.String("source"));

    private static List<string?>? Strings(JsonFields f, string name)
    {
        if (f.Array(name) is not { } items) return null;
        var result = new List<string?>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == System.Text.Json.JsonValueKind.String) result.Add(items[i].GetString());
            else f.Error($"{name}[{i}]", $"Expected an address string, found {JsonFields.Describe(items[i])}.");
        }
        return result;
    }
}
