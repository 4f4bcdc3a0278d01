using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>Any seed given by Seed:Path yields the figures domain.md part 2 defines, not just the shipped one.</summary>
public class CustomSeedApiTests(AppFixture<CustomSeed> fixture) : IClassFixture<AppFixture<CustomSeed>>
{
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task Summary_follows_the_definitions_for_a_non_1_rate_a_withdrawn_and_an_unfunded_pledge()
    {
        var summary = await Json.ReadAsync(await _app.CreateClient().GetAsync("/api/summary"));

        Assert.Equal("900", summary.Str("shortfallEth"));
        Assert.Equal("0", summary.Str("deliveredEth"));
        Assert.Equal("200.4", summary.Str("outstandingCommittedEth"));
        Assert.Equal("490", summary.Str("outstandingProposedEth"));
        Assert.Equal("690.4", summary.Str("pledgedEth"));
        Assert.Equal("900", summary.Str("uncoveredNowEth"));
        Assert.Equal("209.6", summary.Str("uncoveredIfAllArriveEth"));
    }

    [Fact]
    public async Task Pledges_show_token_amounts_and_their_eth_value_at_the_seeded_rate()
    {
        var pledges = (await Json.ReadAsync(await _app.CreateClient().GetAsync("/api/pledges"))).EnumerateArray().ToList();

        Assert.Equal(
        [
            ("Lido Finance", "500", "490", "proposed"),
            ("Stani", "200", "200", "committed"),
            ("Mantle", "300", "300", "withdrawn"),
            ("Ethena", null, null, "proposed"),
            ("Tether", "1000", "0.4", "committed"),
        ],
            pledges.Select(p => (p.Str("pledger"), p.Str("amount"), p.Str("amountEth"), p.Str("status"))));
    }
}
