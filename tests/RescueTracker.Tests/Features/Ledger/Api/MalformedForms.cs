using System.Text.Json.Nodes;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>A form post with some fields replaced; fields are named as the model property (Pledger), not the input (Form.Pledger).</summary>
public sealed record MalformedFormCase(string Class, string Form, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// The corpus's bad values as admin form posts. Forms send only text and trim it before the commands see it,
/// so wrong JSON types do not apply and values that trimming would repair (" 1") are left out: they are valid there.
/// </summary>
public static class MalformedForms
{
    public const string NewPledge = "new-pledge";
    public const string Status = "status";
    public const string Shortfall = "shortfall";

    public static IReadOnlyList<MalformedFormCase> Generate(string takenSender, int randomCombinations = 150)
    {
        var random = new Random(MalformedCorpus.Seed + 1);
        var forms = new Dictionary<string, List<(string Field, List<string> Values)>>
        {
            [NewPledge] =
            [
                ("Pledger", [.. Text(MalformedCorpus.Overlong(random, 201, 3)), .. Text(MalformedCorpus.WithControls(random, "Form DAO", lineBreaksAllowed: false))]),
                ("Amount", Text(MalformedCorpus.BadAmounts(random))),
                ("Asset", Text(MalformedCorpus.UnknownAssets(random))),
                ("Status", ["delivered", "withdrawn", "Committed", "pending", "'; DROP TABLE Pledges; --"]),
                ("Terms", ["gift", "Grant", "<script>alert(1)</script>"]),
                ("TermsNote", [.. Text(MalformedCorpus.Overlong(random, 2001, 2)), .. Text(MalformedCorpus.WithControls(random, "Conditional", lineBreaksAllowed: true))]),
                ("GovernanceUrl", Text(MalformedCorpus.BadUrls(random))),
                ("Source", Text(MalformedCorpus.BadUrls(random))),
                ("Announced", Text(MalformedCorpus.BadDates())),
                ("Senders", [takenSender, MalformedCorpus.BadChecksum(random), MalformedCorpus.BadChecksum(random), "0x123", "0xZZ11111111111111111111111111111111111111",
                    "0x1111111111111111111111111111111111111111\n0x1111111111111111111111111111111111111111", "'; DROP TABLE Pledges; --"]),
            ],
            [Status] =
            [
                ("Status", ["delivered", "committed", "Withdrawn", "pending", "'; DROP TABLE Pledges; --", "<script>alert(1)</script>"]),
                ("Reason", [.. Text(MalformedCorpus.Overlong(random, 2001, 2)), .. Text(MalformedCorpus.WithControls(random, "The vote failed", lineBreaksAllowed: true))]),
                ("Source", Text(MalformedCorpus.BadUrls(random))),
            ],
            [Shortfall] =
            [
                ("Label", [.. Text(MalformedCorpus.Overlong(random, 201, 2)), .. Text(MalformedCorpus.WithControls(random, "Recovered ETH", lineBreaksAllowed: false))]),
                ("Kind", ["gain", "Loss", "'; DROP TABLE Pledges; --"]),
                ("Amount", Text(MalformedCorpus.BadAmounts(random))),
                ("Asset", Text(MalformedCorpus.UnknownAssets(random))),
                ("Date", Text(MalformedCorpus.BadDates())),
                ("Source", Text(MalformedCorpus.BadUrls(random))),
            ],
        };

        var cases = new List<MalformedFormCase>();
        foreach (var (form, fields) in forms)
        foreach (var (field, values) in fields)
        foreach (var value in values)
            cases.Add(new($"{form}.{field}", form, new Dictionary<string, string> { [field] = value }));
        var names = forms.Keys.ToList();
        for (var i = 0; i < randomCombinations; i++)
        {
            var form = names[random.Next(names.Count)];
            var fields = forms[form];
            var picks = new Dictionary<string, string>();
            for (var n = random.Next(2, 4); picks.Count < n;)
            {
                var (field, values) = fields[random.Next(fields.Count)];
                picks[field] = values[random.Next(values.Count)];
            }
            cases.Add(new($"{form}.combination", form, picks));
        }
        return cases;
    }

    /// <summary>String values that stay invalid after the form trims them; empty ones are left out (a blank optional field is valid).</summary>
    private static List<string> Text(IEnumerable<JsonNode?> values) =>
        values.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null)
            .Where(s => !string.IsNullOrEmpty(s) && s.Trim() == s).Select(s => s!).ToList();
}
