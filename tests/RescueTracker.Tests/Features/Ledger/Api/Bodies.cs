using System.Text.Json.Nodes;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Valid request bodies in the seed file's formats; tests change one thing at a time.</summary>
internal static class Bodies
{
    public const string Source = "https://governance.example.org/t/defi-united/42";

    /// <summary>A pledge that the API accepts as it is (no senders, so it never collides with another).</summary>
    public static JsonObject Pledge(string pledger = "Aave DAO", string? amount = "1000", string? asset = "ETH", string status = "committed") => new()
    {
        ["pledger"] = pledger,
        ["amount"] = amount,
        ["asset"] = asset,
        ["status"] = status,
        ["terms"] = "grant",
        ["termsNote"] = null,
        ["governanceUrl"] = null,
        ["source"] = Source,
        ["announced"] = "2026-04-26",
        ["senders"] = new JsonArray(),
    };

    /// <summary>A pledge's current values (as GET returns them) as an edit body with its version.</summary>
    public static JsonObject Edit(System.Text.Json.JsonElement state)
    {
        var body = new JsonObject();
        foreach (var name in new[] { "pledger", "amount", "asset", "status", "terms", "termsNote", "governanceUrl", "source", "announced", "voteDeadline" })
            body[name] = JsonNode.Parse(state.GetProperty(name).GetRawText());
        body["senders"] = JsonNode.Parse(state.GetProperty("senders").GetRawText());
        body["version"] = state.GetProperty("version").GetInt32();
        return body;
    }

    public static JsonObject Status(string status, string reason = "The DAO vote passed.", string? source = Source) => new()
    {
        ["status"] = status, ["reason"] = reason, ["source"] = source,
    };

    public static JsonObject Offchain(string amount = "100", string evidenceUrl = "https://etherscan.io/tx/0xabc", string? note = "Sent by bank wire.") => new()
    {
        ["amount"] = amount, ["evidenceUrl"] = evidenceUrl, ["note"] = note,
    };

    public static JsonObject Shortfall(string label = "Recovered by Compound liquidations", string kind = "recovery", string amount = "1845") => new()
    {
        ["label"] = label, ["kind"] = kind, ["amount"] = amount, ["asset"] = "ETH", ["date"] = "2026-04-28",
        ["source"] = "https://governance.aave.com/t/rseth-incident-report/1",
    };

    public static JsonObject Attribution(int pledgeId) => new() { ["pledgeId"] = pledgeId };

    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[field] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove(field);
        return copy;
    }
}
