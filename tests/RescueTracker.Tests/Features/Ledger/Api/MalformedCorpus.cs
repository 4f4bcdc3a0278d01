using System.Text;
using System.Text.Json.Nodes;
using RescueTracker.Chain;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// One request the API must refuse. <see cref="Auth"/>: null sends the fixture's editor key, anything else is sent as the
/// Authorization header ("" for none). <see cref="RealServer"/>: limits that belong to the HTTP server (body size, the
/// request line) go through Kestrel, since the in-memory test server enforces neither.
/// </summary>
public sealed record MalformedCase(string Class, string Method, string Path, byte[] Body, string? Auth = null, bool RealServer = false)
{
    public string Describe() =>
        $"[{Class}] {Method} {Path} {Shorten(Encoding.UTF8.GetString(Body))}{(Auth is null ? "" : $" (Authorization: '{Shorten(Auth)}')")}{(RealServer ? " (Kestrel)" : "")}";

    private static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length} chars)";
}

/// <summary>The records a corpus aims at, created before the database snapshot.</summary>
public sealed record CorpusTargets(
    int Committed, JsonObject CommittedEdit, int NoAmount, int Withdrawn, int OtherAsset, long OpenTransfer, long AttributedTransfer, string TakenSender,
    string RevokedKey);

/// <summary>
/// Generates malformed admin API requests deterministically (fixed seed): every field of every body given
/// wrong types, missing, bad values (amounts, addresses, URLs, text), plus broken JSON, unknown records and
/// bad credentials; then random combinations of several bad fields. Each value here is invalid on its own
/// in the body it is put into, so any combination of them is invalid too.
/// </summary>
public static class MalformedCorpus
{
    public const int Seed = 20260601;
    private const string Sql = "'; DROP TABLE Pledges; --";
    private const string Script = "<script>alert(1)</script>";

    private static readonly JsonNode?[] WrongTypesForString = [1000, 1e3, -1, true, false, new JsonArray(), new JsonArray("1000"), new JsonObject(), new JsonObject { ["value"] = "1000" }];
    private static readonly JsonNode?[] WrongTypesForNumber = ["1", "one", Sql, 1.5, 1e3, -0.5, true, new JsonArray(), new JsonObject(), JsonNode.Parse("99999999999999999999")];
    private static readonly string Remove = "\u0000remove";

    public static IReadOnlyList<MalformedCase> Generate(CorpusTargets t, int randomCombinations = 300)
    {
        var random = new Random(Seed);
        var cases = new List<MalformedCase>();
        var endpoints = Endpoints(t, random);

        foreach (var e in endpoints)
        {
            foreach (var (field, values) in e.Fields)
            foreach (var value in values)
                cases.Add(Case(e, $"{e.Name}.{field}", Mutate(e.Valid, [(field, value)])));
            foreach (var name in UnknownFieldNames)
                cases.Add(Case(e, $"{e.Name}.unknown-field", e.Valid.With(name, "1")));
            foreach (var text in BrokenJson(e.Valid.ToJsonString(), random))
                cases.Add(new MalformedCase($"{e.Name}.broken-json", e.Method, e.Path, text));
        }

        // Several bad fields at once, drawn at random from the same lists.
        for (var i = 0; i < randomCombinations; i++)
        {
            var e = endpoints[random.Next(endpoints.Count)];
            var count = random.Next(2, 5);
            var picks = Enumerable.Range(0, count).Select(_ =>
            {
                var (field, values) = e.Fields[random.Next(e.Fields.Count)];
                return (field, values[random.Next(values.Count)]);
            }).DistinctBy(p => p.field).ToList();
            cases.Add(Case(e, $"{e.Name}.combination", Mutate(e.Valid, picks)));
        }

        cases.AddRange(UnknownRecords(t));
        cases.AddRange(BadCredentials(t));
        cases.AddRange(HugeBodies(t));
        return cases;
    }

    private sealed record Endpoint(string Name, string Method, string Path, JsonObject Valid, List<(string Field, List<JsonNode?> Values)> Fields);

    private static MalformedCase Case(Endpoint e, string kind, JsonObject body) => new(kind, e.Method, e.Path, Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static JsonObject Mutate(JsonObject valid, IEnumerable<(string Field, JsonNode? Value)> changes)
    {
        var body = (JsonObject)valid.DeepClone();
        foreach (var (field, value) in changes)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s) && s == Remove) body.Remove(field);
            else body[field] = value?.DeepClone();
        }
        return body;
    }

    private static List<Endpoint> Endpoints(CorpusTargets t, Random random)
    {
        var pledgeFields = PledgeFields(t, random, forEdit: false);
        var editFields = PledgeFields(t, random, forEdit: true);
        editFields.Add(("version", [Remove, null, .. WrongTypesForNumber]));
        editFields.Add(("reason", [.. Overlong(random, 2001, 3), .. WithControls(random, "Corrected the amount", lineBreaksAllowed: true), .. WrongTypesForString]));

        return
        [
            new("create-pledge", "POST", "/api/admin/pledges", Bodies.Pledge("Corpus DAO"), pledgeFields),
            new("edit-pledge", "PUT", $"/api/admin/pledges/{t.Committed}", t.CommittedEdit, editFields),
            new("status", "POST", $"/api/admin/pledges/{t.Committed}/status", Bodies.Status("withdrawn", "The vote failed."),
            [
                ("status", ["delivered", "Delivered", "DELIVERED", "committed", "Withdrawn", "pending", "", " withdrawn", Sql, Script, Remove, null, .. WrongTypesForString]),
                ("reason", ["", "   ", "\t\r\n", Remove, null, .. Overlong(random, 2001, 3), .. WithControls(random, "The vote failed", lineBreaksAllowed: true), .. WrongTypesForString]),
                ("source", [Remove, null, .. BadUrls(random), .. WrongTypesForString]),
                ("version", WrongTypesForNumber.ToList()),
            ]),
            new("offchain-delivery", "POST", $"/api/admin/pledges/{t.Committed}/offchain-deliveries", Bodies.Offchain(),
            [
                ("amount", [Remove, null, .. BadAmounts(random), .. WrongTypesForString]),
                ("evidenceUrl", [Remove, null, .. BadUrls(random), .. WrongTypesForString]),
                ("note", [.. Overlong(random, 2001, 3), .. WithControls(random, "Wire transfer", lineBreaksAllowed: true), .. WrongTypesForString]),
            ]),
            new("shortfall-item", "POST", "/api/admin/shortfall-items", Bodies.Shortfall(),
            [
                ("label", [Remove, null, "", "  ", .. Overlong(random, 201, 3), .. WithControls(random, "Recovered ETH", lineBreaksAllowed: false), .. WrongTypesForString]),
                ("kind", [Remove, null, "gain", "Loss", "RECOVERY", "", Sql, Script, .. WrongTypesForString]),
                ("amount", [Remove, null, .. BadAmounts(random), .. WrongTypesForString]),
                ("asset", [Remove, null, .. UnknownAssets(random), .. WrongTypesForString]),
                ("date", [Remove, null, .. BadDates(), .. WrongTypesForString]),
                ("source", [Remove, null, .. BadUrls(random), .. WrongTypesForString]),
            ]),
            new("attribution", "POST", $"/api/admin/transfers/{t.OpenTransfer}/attribution", Bodies.Attribution(t.Committed),
            [
                ("pledgeId", [Remove, null, 987_654, 0, -1, int.MaxValue, 9_999_999_999L, t.Withdrawn, t.OtherAsset, .. WrongTypesForNumber]),
                ("reason", [.. Overlong(random, 2001, 2), .. WithControls(random, "Known treasury", lineBreaksAllowed: true), .. WrongTypesForString]),
            ]),
        ];
    }

    private static List<(string Field, List<JsonNode?> Values)> PledgeFields(CorpusTargets t, Random random, bool forEdit) =>
    [
        ("pledger", [Remove, null, "", "   ", .. Overlong(random, 201, 4), .. WithControls(random, "Corpus DAO", lineBreaksAllowed: false), .. WrongTypesForString]),
        ("amount", [Remove, .. BadAmounts(random), .. WrongTypesForString]),
        ("asset", [Remove, null, .. UnknownAssets(random), .. WrongTypesForString]),
        // The edit keeps 'committed'; a new pledge may be proposed or committed.
        ("status", [Remove, "delivered", "Delivered", forEdit ? "proposed" : "withdrawn", forEdit ? "withdrawn" : "Committed", "", "pending", Sql, Script, null, .. WrongTypesForString]),
        ("terms", [Remove, null, "gift", "Grant", "", Sql, Script, .. WrongTypesForString]),
        ("termsNote", [Remove, .. Overlong(random, 2001, 3), .. WithControls(random, "Conditional on the package", lineBreaksAllowed: true), .. WrongTypesForString]),
        ("governanceUrl", [Remove, .. BadUrls(random), .. WrongTypesForString]),
        // Committed with neither a governance URL nor a source has no evidence.
        ("source", [Remove, null, .. BadUrls(random), .. WrongTypesForString]),
        ("announced", [Remove, .. BadDates(), .. WrongTypesForString]),
        ("senders", [Remove, null, "0x1111111111111111111111111111111111111111", 1, new JsonObject(), .. BadSenderLists(t, random)]),
    ];

    /// <summary>Amounts broken in every way the rules name, plus random negatives, huge values, exponents and excess decimals.</summary>
    internal static List<JsonNode?> BadAmounts(Random random)
    {
        List<JsonNode?> amounts =
        [
            "-1", "-1000", "-0.5", "0", "0.0", "00", "-0", "1e3", "1E3", "1e-3", "1.5e2", "NaN", "nan", "Infinity", "-Infinity", "∞",
            "0x3e8", "0b101", "1,000", "1.000,5", " 1", "1 ", "+1", "1_000", ".5", "5.", "1..5", "1.2.3", "", " ", "1000000000000",
            "999999999999999999999999999999", "1000000000000.0", "0.0000000000000000001", "١٢٣", "１２３", "½", "1/2", "1-", "--1", "1e",
            Sql, "1; DROP TABLE Pledges", "1 OR 1=1", "1' OR '1'='1", Script, "1\u0000", "\u00001", "1\u202e0", "null", "true", "[1]",
        ];
        for (var i = 0; i < 8; i++)
        {
            amounts.Add("-" + random.NextInt64(1, 1_000_000_000_000));
            amounts.Add("1" + new string('0', random.Next(12, 80)));
            amounts.Add($"{random.Next(1, 999)}e{random.Next(1, 30)}");
            amounts.Add($"{random.Next(0, 999)}.{RandomDigits(random, random.Next(19, 40))}");
        }
        return amounts;
    }

    private static string RandomDigits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => (char)('0' + (i == count - 1 ? random.Next(1, 10) : random.Next(10)))));

    internal static List<JsonNode?> UnknownAssets(Random random)
    {
        List<JsonNode?> assets = ["BTC", "eth", "Eth", "ETH ", " ETH", "ETH\u0000", "ETH.ARB", "steth", "", "*", "%", "ETH'--", Sql, Script, new string('E', 300)];
        for (var i = 0; i < 4; i++) assets.Add("X" + RandomDigits(random, random.Next(1, 10)));
        return assets;
    }

    internal static List<JsonNode?> BadUrls(Random random) =>
    [
        "javascript:alert(1)", "JavaScript:alert(document.cookie)", "ftp://example.org/vote", "mailto:dao@example.org", "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>", "/relative/path", "relative/path", "example.org/vote", "https://exa mple.org/", "https://",
        "http//example.org", "", " ", "https://example.org/\u0000", "https://example.org/\u001b[0m", "\u0007https://example.org/", Sql, Script,
        "https://example.org/" + new string('a', 1981 + random.Next(0, 500)),
    ];

    internal static List<JsonNode?> BadDates() =>
        ["2026-13-01", "2026-02-30", "2026-4-26", "26-04-2026", "2026/04/26", "2026-04-26T00:00:00Z", "yesterday", "", Sql, Script, "0000-00-00"];

    private static List<JsonNode?> BadSenderLists(CorpusTargets t, Random random)
    {
        var lists = new List<JsonNode?>
        {
            new JsonArray(1), new JsonArray((JsonNode?)null), new JsonArray(true), new JsonArray(new JsonObject()), new JsonArray("0x123"),
            new JsonArray("1111111111111111111111111111111111111111"), new JsonArray("0X1111111111111111111111111111111111111111"),
            new JsonArray("0x11111111111111111111111111111111111111111"), new JsonArray("0xZZ11111111111111111111111111111111111111"),
            new JsonArray(" 0x1111111111111111111111111111111111111111"), new JsonArray(""), new JsonArray(Sql), new JsonArray(Script),
            new JsonArray("0x1111111111111111111111111111111111111111", "0x1111111111111111111111111111111111111111"),
            new JsonArray(t.TakenSender),
        };
        for (var i = 0; i < 12; i++) lists.Add(new JsonArray(BadChecksum(random)));
        return lists;
    }

    /// <summary>A random address in its EIP-55 form with the case of one letter flipped: still mixed case, so the checksum must catch it.</summary>
    public static string BadChecksum(Random random)
    {
        while (true)
        {
            var bytes = new byte[20];
            random.NextBytes(bytes);
            var valid = new EthAddress(bytes).ToString();
            var letters = Enumerable.Range(2, 40).Where(i => char.IsAsciiLetter(valid[i])).ToList();
            if (letters.Count < 3) continue;
            var chars = valid.ToCharArray();
            var at = letters[random.Next(letters.Count)];
            chars[at] = char.IsUpper(chars[at]) ? char.ToLowerInvariant(chars[at]) : char.ToUpperInvariant(chars[at]);
            var flipped = new string(chars);
            if (flipped.Skip(2).Any(char.IsAsciiLetterUpper) && flipped.Skip(2).Any(char.IsAsciiLetterLower)) return flipped;
        }
    }

    internal static IEnumerable<JsonNode?> Overlong(Random random, int limit, int count)
    {
        yield return new string('x', limit);
        yield return string.Concat(Enumerable.Repeat(Script, limit / Script.Length + 1));
        for (var i = 0; i < count; i++) yield return new string((char)random.Next('a', 'z' + 1), limit + random.Next(0, 3000));
    }

    /// <summary>The text with a control character inserted; \n, \r and \t only where line breaks are not allowed.</summary>
    internal static IEnumerable<JsonNode?> WithControls(Random random, string text, bool lineBreaksAllowed)
    {
        char[] controls = lineBreaksAllowed
            ? ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b']
            : ['\u0000', '\u0001', '\u0007', '\u0008', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b'];
        foreach (var c in controls)
        {
            var at = random.Next(text.Length + 1);
            yield return text.Insert(at, c.ToString());
        }
    }

    private static readonly string[] UnknownFieldNames =
        ["id", "Id", "amountEth", "pledgerId", "__proto__", "constructor", "$where", "' OR 1=1 --", Script, "", " ", "version ", "createdBy", "role"];

    /// <summary>Bodies that are not one JSON object of the expected shape.</summary>
    private static IEnumerable<byte[]> BrokenJson(string valid, Random random)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        for (var i = 0; i < 6; i++) yield return U(valid[..random.Next(1, valid.Length - 1)]);
        yield return U(valid[..^1]);
        yield return U("[" + valid + "]");
        yield return U("[]");
        yield return U("{}");
        yield return U("null");
        yield return U("true");
        yield return U("42");
        yield return U("\"" + Sql + "\"");
        yield return U("");
        yield return U("   ");
        yield return U(valid + " trailing");
        yield return U(valid + valid);
        yield return U(valid.Replace("\"", "'"));
        yield return U(valid[..^1] + ",}");
        yield return U("/* comment */" + valid);
        yield return U(valid.Replace("\":", "\" = "));
        yield return U("pledger=Corpus+DAO&amount=1000&asset=ETH");
        yield return U("<pledge><amount>1000</amount></pledge>");
        yield return U("{\"amount\": NaN}");
        yield return U("{\"amount\": Infinity}");
        yield return U(new string('[', 9) + new string(']', 9));
        yield return U(new string('[', 20_000) + new string(']', 20_000));
        yield return U(Nested(10));
        yield return U(Nested(1000));
        // Not UTF-8: bytes that start no character, in the first field name, in the first string value, before the body.
        yield return [.. U(valid[..2]), 0xFF, 0xFE, .. U(valid[2..])];
        var value = valid.IndexOf("\":\"", StringComparison.Ordinal);
        if (value > 0)
        {
            yield return [.. U(valid[..(value + 3)]), 0xFF, .. U(valid[(value + 3)..])];
            yield return [.. U(valid[..(value + 3)]), 0xC3, 0x28, .. U(valid[(value + 3)..])];
            // A lone surrogate escape is valid JSON syntax but no Unicode text.
            yield return U(valid.Insert(value + 3, "\\ud800"));
            yield return U(valid.Insert(value + 3, "\\udc00x"));
        }
        yield return [0xFF, 0xFE, .. U(valid)];
        yield return U(valid.Insert(2, "\\ud800"));
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>Valid bodies aimed at records that do not exist or cannot take them.</summary>
    private static IEnumerable<MalformedCase> UnknownRecords(CorpusTargets t)
    {
        static byte[] U(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());
        string[] badIds = ["0", "-1", "987654", "2147483647", "2147483648", "99999999999999999999", "abc", "1.5", "1e3", "%27%3B%20DROP%20TABLE%20Pledges%3B%20--", "%3Cscript%3E", "1%00", "0x10", "%20"];
        // The in-memory server cannot even build a request whose path holds a NUL; Kestrel refuses it.
        static bool Real(string id) => id.Contains("%00", StringComparison.Ordinal);
        foreach (var id in badIds)
        {
            yield return new("unknown-pledge", "PUT", $"/api/admin/pledges/{id}", U(t.CommittedEdit), RealServer: Real(id));
            yield return new("unknown-pledge", "POST", $"/api/admin/pledges/{id}/status", U(Bodies.Status("withdrawn")), RealServer: Real(id));
            yield return new("unknown-pledge", "POST", $"/api/admin/pledges/{id}/offchain-deliveries", U(Bodies.Offchain()), RealServer: Real(id));
            yield return new("unknown-transfer", "POST", $"/api/admin/transfers/{id}/attribution", U(Bodies.Attribution(t.Committed)), RealServer: Real(id));
        }
        yield return new("no-amount-pledge", "POST", $"/api/admin/pledges/{t.NoAmount}/offchain-deliveries", U(Bodies.Offchain()));
        yield return new("withdrawn-pledge", "POST", $"/api/admin/pledges/{t.Withdrawn}/offchain-deliveries", U(Bodies.Offchain()));
        yield return new("attributed-transfer", "POST", $"/api/admin/transfers/{t.AttributedTransfer}/attribution", U(Bodies.Attribution(t.Committed)));
        yield return new("wrong-method", "DELETE", $"/api/admin/pledges/{t.Committed}", []);
        yield return new("wrong-method", "PATCH", $"/api/admin/pledges/{t.Committed}", U(t.CommittedEdit));
        yield return new("wrong-method", "PUT", "/api/admin/pledges", U(Bodies.Pledge("Corpus DAO")));
        yield return new("wrong-method", "GET", "/api/admin/pledges/987654", []);
    }

    /// <summary>Valid bodies without a valid key.</summary>
    private static IEnumerable<MalformedCase> BadCredentials(CorpusTargets t)
    {
        var body = Encoding.UTF8.GetBytes(Bodies.Pledge("Corpus DAO").ToJsonString());
        string[] headers =
        [
            "", "Bearer", "Bearer ", "Bearer rtk_", "Bearer rtk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer not-a-key", $"Bearer {Sql}",
            $"Bearer rtk_{Sql}", "Basic YWRtaW46YWRtaW4=", "Bearer " + new string('A', 4000), $"Bearer {t.RevokedKey}", $"bearer {t.RevokedKey}",
            $"Token {t.RevokedKey}", "Bearer rtk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*",
        ];
        foreach (var header in headers)
        {
            yield return new("bad-credentials", "POST", "/api/admin/pledges", body, header);
            yield return new("bad-credentials", "POST", $"/api/admin/pledges/{t.Committed}/status", Encoding.UTF8.GetBytes(Bodies.Status("withdrawn").ToJsonString()), header);
            yield return new("bad-credentials", "POST", "/api/admin/shortfall-items", Encoding.UTF8.GetBytes(Bodies.Shortfall().ToJsonString()), header);
        }
    }

    /// <summary>Bodies over the 64 KiB limit, some of them otherwise valid (padded with whitespace).</summary>
    private static IEnumerable<MalformedCase> HugeBodies(CorpusTargets t)
    {
        var valid = Bodies.Pledge("Corpus DAO").ToJsonString();
        // One byte over the limit, otherwise a valid pledge.
        yield return new("huge-body", "POST", "/api/admin/pledges",
            Encoding.UTF8.GetBytes(valid[..^1] + new string(' ', 64 * 1024 + 1 - valid.Length) + "}"), RealServer: true);
        yield return new("huge-body", "POST", "/api/admin/pledges", Encoding.UTF8.GetBytes(valid[..^1] + new string(' ', 70_000) + "}"), RealServer: true);
        yield return new("huge-body", "POST", "/api/admin/pledges", Encoding.UTF8.GetBytes(valid[..^1] + new string(' ', 2_000_000) + "}"), RealServer: true);
        yield return new("huge-body", "POST", "/api/admin/pledges", Encoding.UTF8.GetBytes(Bodies.Pledge(new string('x', 100_000)).ToJsonString()), RealServer: true);
        yield return new("huge-body", "POST", $"/api/admin/pledges/{t.Committed}/status",
            Encoding.UTF8.GetBytes(Bodies.Status("withdrawn", new string('r', 70_000)).ToJsonString()), RealServer: true);
        yield return new("huge-body", "POST", "/api/admin/shortfall-items", Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(valid, 400)) + "]"), RealServer: true);
    }
}
