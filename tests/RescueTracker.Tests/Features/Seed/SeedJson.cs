using System.Text.Json.Nodes;

namespace RescueTracker.Tests.Features.Seed;

/// <summary>
/// A small valid seed file as a JSON tree; each test breaks exactly one thing in it, so the
/// error it expects is the only one the reader can report.
/// </summary>
internal static class SeedJson
{
    public const string Sender = "0x1111111111111111111111111111111111111111";

    private const string Valid = """
        {
          "rescue": { "name": "Test rescue", "asOf": "2026-04-25", "description": null },
          "chains": [ { "chainId": 1, "name": "Ethereum", "recoveryAddresses": ["0x2222222222222222222222222222222222222222"] } ],
          "assets": [
            { "symbol": "ETH", "chainId": 1, "contract": null, "decimals": 18, "ethRate": "1" },
            { "symbol": "USDC", "chainId": 1, "contract": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "decimals": 6, "ethRate": "0.0004" }
          ],
          "shortfall": [
            { "label": "Borrowed", "kind": "loss", "amount": "1000", "asset": "ETH", "date": "2026-04-25", "source": "https://example.org/a" }
          ],
          "pledges": [
            { "pledger": "First", "amount": "100", "asset": "ETH", "status": "proposed", "terms": "grant", "termsNote": null,
              "governanceUrl": null, "source": "https://example.org/b", "announced": "2026-04-24", "senders": [] },
            { "pledger": "Second", "amount": "200", "asset": "ETH", "status": "committed", "terms": "loan", "termsNote": null,
              "governanceUrl": "https://example.org/vote", "source": null, "announced": null, "senders": [] }
          ]
        }
        """;

    public static JsonNode Tree() => JsonNode.Parse(Valid)!;

    public static string With(Action<JsonNode> change)
    {
        var tree = Tree();
        change(tree);
        return tree.ToJsonString();
    }

    public static JsonNode Pledge(JsonNode tree, int index) => tree["pledges"]![index]!;
}
