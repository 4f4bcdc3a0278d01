using System.Text.Json.Nodes;
using RescueTracker.Features.Seed;

namespace RescueTracker.Tests.Features.Seed;

/// <summary>Every rejected seed names the JSON path of the bad value, so an editor can find it.</summary>
public class SeedReaderErrorTests
{
    [Theory]
    [InlineData("-5", "more than 0")]
    [InlineData("abc", "not a plain decimal number")]
    [InlineData("1e3", "not a plain decimal number")]
    [InlineData("0", "more than 0")]
    [InlineData("1000000000000", "less than 1,000,000,000,000")]
    [InlineData("2,500", "not a plain decimal number")]
    [InlineData(" 5", "not a plain decimal number")]
    public void Bad_amount_is_rejected_at_its_path(string amount, string why)
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["amount"] = amount);

        Assert.Equal("$.pledges[0].amount", error.Path);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Amount_with_more_fraction_digits_than_a_6_decimal_asset_is_rejected()
    {
        var error = SingleError(t =>
        {
            SeedJson.Pledge(t, 1)["asset"] = "USDC";
            SeedJson.Pledge(t, 1)["amount"] = "0.1234567";
        });

        Assert.Equal("$.pledges[1].amount", error.Path);
        Assert.Equal("USDC has 6 decimals; the amount has more fraction digits than that.", error.Message);
    }

    [Theory]
    [InlineData("2026-5-15", "'2026-5-15' is not a date in the form YYYY-MM-DD.")]
    [InlineData("15/05/2026", "'15/05/2026' is not a date in the form YYYY-MM-DD.")]
    [InlineData("2026-02-30", "'2026-02-30' is not a date in the form YYYY-MM-DD.")]
    [InlineData("2026-04-23", "The vote deadline 2026-04-23 is before the announcement (2026-04-24).")]
    public void Bad_vote_deadline_is_rejected_at_its_path(string deadline, string message)
    {
        var e = Assert.Throws<SeedFileException>(() => SeedReader.Parse("seed.json", SeedJson.With(t => SeedJson.Pledge(t, 0)["voteDeadline"] = deadline)));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("$.pledges[0].voteDeadline", message), (error.Path, error.Message));
        Assert.Contains($"$.pledges[0].voteDeadline: {message}", e.Message);
    }

    [Fact]
    public void Vote_deadline_given_as_a_number_is_rejected()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["voteDeadline"] = 20260515);

        Assert.Equal(("$.pledges[0].voteDeadline", "Expected a string or null, found the number 20260515."), (error.Path, error.Message));
    }

    [Fact]
    public void Negative_shortfall_amount_is_rejected_at_its_path()
    {
        var error = SingleError(t => t["shortfall"]![0]!["amount"] = "-99600");

        Assert.Equal("$.shortfall[0].amount", error.Path);
    }

    [Fact]
    public void Amount_given_as_a_json_number_is_rejected()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["amount"] = 2500);

        Assert.Equal("$.pledges[0].amount", error.Path);
        Assert.Equal("Expected a string or null, found the number 2500.", error.Message);
    }

    [Fact]
    public void Missing_field_is_named_by_its_path()
    {
        var e = Assert.Throws<SeedFileException>(() =>
            SeedReader.Parse("seed.json", SeedJson.With(t => SeedJson.Pledge(t, 1).AsObject().Remove("terms"))));

        Assert.All(e.Errors, error => Assert.Equal("$.pledges[1].terms", error.Path));
        Assert.Contains(e.Errors, error => error.Message == "Missing field.");
    }

    [Fact]
    public void Missing_rescue_section_is_named_by_its_path()
    {
        var error = SingleError(t => t.AsObject().Remove("rescue"));

        Assert.Equal("$.rescue", error.Path);
    }

    [Fact]
    public void Unknown_field_is_rejected_so_a_misspelling_is_not_silently_ignored()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["governanceURL"] = "https://example.org/vote");

        Assert.Equal("$.pledges[0].governanceURL", error.Path);
        Assert.Contains("Unknown field", error.Message);
    }

    [Fact]
    public void Bad_json_is_reported_with_its_line()
    {
        var json = "{\n  \"rescue\": {\n    \"name\": \"x\",,\n  }\n}";

        var e = Assert.Throws<SeedFileException>(() => SeedReader.Parse("broken.json", json));

        var error = Assert.Single(e.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Unknown_asset_is_rejected_at_its_path()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["asset"] = "DOGE");

        Assert.Equal("$.pledges[0].asset", error.Path);
        Assert.Contains("'DOGE'", error.Message);
    }

    [Fact]
    public void Mixed_case_address_with_a_wrong_checksum_is_rejected()
    {
        // The WETH address with the case of its first letter flipped: a typo the checksum exists to catch.
        var error = SingleError(t =>
            SeedJson.Pledge(t, 0)["senders"] = new JsonArray("0xc02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"));

        Assert.Equal("$.pledges[0].senders[0]", error.Path);
    }

    [Fact]
    public void Mixed_case_contract_with_a_wrong_checksum_is_rejected()
    {
        var error = SingleError(t => t["assets"]![1]!["contract"] = "0xA0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");

        Assert.Equal("$.assets[1].contract", error.Path);
    }

    [Fact]
    public void Address_of_the_wrong_length_is_rejected()
    {
        var error = SingleError(t => t["chains"]![0]!["recoveryAddresses"] = new JsonArray("0x1234"));

        Assert.Equal("$.chains[0].recoveryAddresses[0]", error.Path);
    }

    [Fact]
    public void Delivered_status_is_rejected_because_only_received_transfers_deliver_a_pledge()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["status"] = "delivered");

        Assert.Equal("$.pledges[0].status", error.Path);
        Assert.Contains("delivered", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Status_in_another_case_is_rejected()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 0)["status"] = "Proposed");

        Assert.Equal("$.pledges[0].status", error.Path);
    }

    [Fact]
    public void Committed_pledge_without_source_or_governance_url_is_rejected()
    {
        var error = SingleError(t => SeedJson.Pledge(t, 1)["governanceUrl"] = null);

        Assert.Equal("$.pledges[1].status", error.Path);
        Assert.Contains("committed", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Same_sender_and_asset_on_two_open_pledges_is_rejected()
    {
        var error = SingleError(t =>
        {
            SeedJson.Pledge(t, 0)["senders"] = new JsonArray(SeedJson.Sender);
            SeedJson.Pledge(t, 1)["senders"] = new JsonArray(SeedJson.Sender);
        });

        Assert.Equal("$.pledges[1].senders[0]", error.Path);
        Assert.Contains("$.pledges[0]", error.Message);
    }

    [Fact]
    public void Unknown_kind_of_shortfall_item_is_rejected()
    {
        var error = SingleError(t => t["shortfall"]![0]!["kind"] = "gain");

        Assert.Equal("$.shortfall[0].kind", error.Path);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_just_the_first()
    {
        var e = Assert.Throws<SeedFileException>(() => SeedReader.Parse("seed.json", SeedJson.With(t =>
        {
            SeedJson.Pledge(t, 0)["amount"] = "-5";
            SeedJson.Pledge(t, 1)["asset"] = "DOGE";
        })));

        Assert.Equal(["$.pledges[0].amount", "$.pledges[1].asset"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void Exception_message_names_the_file_and_the_path()
    {
        var e = Assert.Throws<SeedFileException>(() =>
            SeedReader.Parse("/srv/seeds/my-rescue.json", SeedJson.With(t => SeedJson.Pledge(t, 0)["amount"] = "-5")));

        Assert.Equal("/srv/seeds/my-rescue.json", e.File);
        Assert.Contains("'/srv/seeds/my-rescue.json'", e.Message);
        Assert.Contains("$.pledges[0].amount", e.Message);
    }

    [Fact]
    public void Unreadable_file_is_reported_with_its_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-seed-{Guid.NewGuid():N}.json");

        var e = Assert.Throws<SeedFileException>(() => SeedReader.Read(missing));

        Assert.Contains(missing, e.Message);
        Assert.Equal("$", Assert.Single(e.Errors).Path);
    }

    /// <summary>
    /// The one place the reader found wrong: every error must point at the same path (a reader may
    /// say more than one thing about it), and no other part of the file may be blamed.
    /// </summary>
    private static SeedError SingleError(Action<JsonNode> change)
    {
        var e = Assert.Throws<SeedFileException>(() => SeedReader.Parse("seed.json", SeedJson.With(change)));
        Assert.Single(e.Errors.Select(error => error.Path).Distinct());
        return e.Errors[0];
    }
}
