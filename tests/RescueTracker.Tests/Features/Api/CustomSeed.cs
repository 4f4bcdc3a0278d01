using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>
/// A seed other than the shipped one, given to the app by <c>Seed:Path</c>: a 0.98 rate, a 6-decimal token, a withdrawn
/// pledge and a supporter without an amount. By domain.md part 2:
/// S = 1000 - 100 = 900; pledged = 500 × 0.98 + 200 + 1000 × 0.0004 = 690.4 (the withdrawn 300 excluded);
/// C = 200.4; P = 490; uncovered now 900; uncovered if all arrive 900 - 200.4 - 490 = 209.6.
/// </summary>
public sealed class CustomSeed : IAppProfile
{
    private const string Seed = """
        {
          "rescue": { "name": "Test rescue", "asOf": "2026-05-01", "description": "A seed other than the shipped one." },
          "chains": [ { "chainId": 1, "name": "Ethereum", "recoveryAddresses": ["0x2222222222222222222222222222222222222222"] } ],
          "assets": [
            { "symbol": "ETH", "chainId": 1, "contract": null, "decimals": 18, "ethRate": "1" },
            { "symbol": "stETH", "chainId": 1, "contract": "0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", "decimals": 18, "ethRate": "0.98" },
            { "symbol": "USDC", "chainId": 1, "contract": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "decimals": 6, "ethRate": "0.0004" }
          ],
          "shortfall": [
            { "label": "Borrowed", "kind": "loss", "amount": "1000", "asset": "ETH", "date": "2026-05-01", "source": "https://example.org/loss" },
            { "label": "Frozen", "kind": "recovery", "amount": "100", "asset": "ETH", "date": "2026-05-01", "source": "https://example.org/frozen" }
          ],
          "pledges": [
            { "pledger": "Lido Finance", "amount": "500", "asset": "stETH", "status": "proposed", "terms": "conditional", "termsNote": null,
              "governanceUrl": null, "source": "https://example.org/lido", "announced": "2026-04-30", "senders": [] },
            { "pledger": "Stani", "amount": "200", "asset": "ETH", "status": "committed", "terms": "grant", "termsNote": null,
              "governanceUrl": null, "source": "https://example.org/stani", "announced": null, "senders": [] },
            { "pledger": "Mantle", "amount": "300", "asset": "ETH", "status": "withdrawn", "terms": "loan", "termsNote": "Vote failed.",
              "governanceUrl": "https://example.org/vote", "source": null, "announced": null, "senders": [] },
            { "pledger": "Ethena", "amount": null, "asset": null, "status": "proposed", "terms": "grant", "termsNote": null,
              "governanceUrl": null, "source": null, "announced": null, "senders": [] },
            { "pledger": "Tether", "amount": "1000", "asset": "USDC", "status": "committed", "terms": "grant", "termsNote": null,
              "governanceUrl": null, "source": "https://example.org/tether", "announced": null, "senders": [] }
          ]
        }
        """;

    public TestAppOptions Options => new() { SeedJson = Seed };
}
