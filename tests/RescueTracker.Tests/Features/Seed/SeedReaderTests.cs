using System.Numerics;
using RescueTracker.Data;
using RescueTracker.Features.Seed;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Seed;

public class SeedReaderTests
{
    [Fact]
    public void Shipped_seed_file_parses_into_the_2026_04_25_snapshot()
    {
        var seed = SeedReader.Read(RepoFiles.ShippedSeed);

        Assert.Equal("DeFi United", seed.Rescue.Name);
        Assert.Equal(new DateOnly(2026, 4, 25), seed.Rescue.AsOf);
        Assert.Equal(9, seed.Pledges.Count);
        Assert.Equal(["Ethena", "LayerZero", "Ink Foundation", "Tydra"],
            seed.Pledges.Where(p => p.Amount is null).Select(p => p.Pledger));
        Assert.Equal(2, seed.Shortfall.Count);
        Assert.Equal([(ShortfallKind.Loss, "99600"), (ShortfallKind.Recovery, "30700")],
            seed.Shortfall.Select(s => (s.Kind, (s.Amount / BigInteger.Pow(10, 18)).ToString())));
    }

    [Fact]
    public void A_vote_deadline_is_optional_and_read_as_a_day()
    {
        var seed = SeedReader.Parse("seed.json", SeedJson.With(t => SeedJson.Pledge(t, 0)["voteDeadline"] = "2026-05-15"));

        Assert.Equal([new DateOnly(2026, 5, 15), null], seed.Pledges.Select(p => p.VoteDeadline));
        Assert.All(SeedReader.Read(RepoFiles.ShippedSeed).Pledges, p => Assert.Null(p.VoteDeadline));
    }

    [Fact]
    public void Shipped_seed_keeps_addresses_in_lower_case_hex()
    {
        var seed = SeedReader.Read(RepoFiles.ShippedSeed);

        Assert.Equal("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", seed.Assets.Single(a => a.Symbol == "WETH").Contract);
        Assert.Null(seed.Assets.Single(a => a.Symbol == "ETH").Contract);
    }

    [Fact]
    public void Amounts_are_read_in_base_units_of_their_asset()
    {
        var seed = SeedReader.Parse("seed.json", SeedJson.With(t =>
        {
            SeedJson.Pledge(t, 0)["amount"] = "0.5";
            SeedJson.Pledge(t, 1)["asset"] = "USDC";
            SeedJson.Pledge(t, 1)["amount"] = "1234.567891";
        }));

        Assert.Equal(BigInteger.Parse("500000000000000000"), seed.Pledges[0].Amount);
        Assert.Equal(new BigInteger(1_234_567_891), seed.Pledges[1].Amount);
    }

    [Fact]
    public void Lower_case_and_correctly_checksummed_sender_addresses_are_accepted_and_stored_lower_case()
    {
        var seed = SeedReader.Parse("seed.json", SeedJson.With(t =>
            SeedJson.Pledge(t, 0)["senders"] = new System.Text.Json.Nodes.JsonArray(
                "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", "0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84")));

        Assert.Equal(["0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", "0xae7ab96520de3a18e5e111b5eaab095312d7fe84"],
            seed.Pledges[0].Senders);
    }

    [Fact]
    public void Same_sender_and_asset_on_two_pledges_is_allowed_when_one_is_withdrawn()
    {
        var seed = SeedReader.Parse("seed.json", SeedJson.With(t =>
        {
            SeedJson.Pledge(t, 0)["senders"] = new System.Text.Json.Nodes.JsonArray(SeedJson.Sender);
            SeedJson.Pledge(t, 1)["senders"] = new System.Text.Json.Nodes.JsonArray(SeedJson.Sender);
            SeedJson.Pledge(t, 0)["status"] = "withdrawn";
        }));

        Assert.Equal(PledgeStatus.Withdrawn, seed.Pledges[0].Status);
        Assert.Equal([SeedJson.Sender], seed.Pledges[1].Senders);
    }

    [Fact]
    public void Same_sender_on_two_open_pledges_in_different_assets_is_allowed()
    {
        var seed = SeedReader.Parse("seed.json", SeedJson.With(t =>
        {
            SeedJson.Pledge(t, 0)["senders"] = new System.Text.Json.Nodes.JsonArray(SeedJson.Sender);
            SeedJson.Pledge(t, 1)["senders"] = new System.Text.Json.Nodes.JsonArray(SeedJson.Sender);
            SeedJson.Pledge(t, 1)["asset"] = "USDC";
        }));

        Assert.Equal(2, seed.Pledges.Count(p => p.Senders.Contains(SeedJson.Sender)));
    }
}
