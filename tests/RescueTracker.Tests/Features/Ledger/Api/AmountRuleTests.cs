using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Amounts are plain decimal strings, more than 0, less than 10^12 token units, with no more decimals than the asset.</summary>
public class AmountRuleTests(TestApp app) : IClassFixture<TestApp>
{
    private const string NotPlain = "is not a plain decimal number (digits with an optional '.' fraction; no exponent or separators).";

    private async Task<HttpResponseMessage> PostAsync(JsonObject body)
    {
        using var client = await app.EditorClientAsync();
        return await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(body));
    }

    [Theory]
    [InlineData("1e3", $"'1e3' {NotPlain}")]
    [InlineData("1E3", $"'1E3' {NotPlain}")]
    [InlineData("+1", $"'+1' {NotPlain}")]
    [InlineData(" 1", $"' 1' {NotPlain}")]
    [InlineData("1,000", $"'1,000' {NotPlain}")]
    [InlineData("0x3e8", $"'0x3e8' {NotPlain}")]
    [InlineData("NaN", $"'NaN' {NotPlain}")]
    [InlineData("Infinity", $"'Infinity' {NotPlain}")]
    [InlineData(".5", $"'.5' {NotPlain}")]
    [InlineData("5.", $"'5.' {NotPlain}")]
    [InlineData("0", "The amount must be more than 0.")]
    [InlineData("0.000", "The amount must be more than 0.")]
    [InlineData("-1000", "The amount must be more than 0.")]
    [InlineData("1000000000000", "The amount must be less than 1,000,000,000,000 token units.")]
    [InlineData("99999999999999999999999999", "The amount must be less than 1,000,000,000,000 token units.")]
    [InlineData("0.0000000000000000001", "ETH has 18 decimals; the amount has more fraction digits than that.")]
    [InlineData("", "The amount is required.")]
    public async Task An_amount_that_breaks_a_rule_is_refused_with_the_reason(string amount, string message)
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With("amount", amount)), "amount");
        Assert.Equal(message, problem.Messages("amount"));
    }

    [Theory]
    [InlineData("999999999999.999999999999999999")]
    [InlineData("0.000000000000000001")]
    public async Task Amounts_at_the_limits_are_accepted_exactly(string amount)
    {
        var response = await PostAsync(Bodies.Pledge($"Limit {amount}", amount, "ETH", "proposed"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(amount, (await ApiJson.ReadAsync(response)).Str("amount"));
    }

    [Fact]
    public async Task A_six_decimal_asset_refuses_seven_decimals_and_accepts_six()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<LedgerCommands>().CreateAssetAsync(
                new AssetInput("USDC", 1, "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6, "0.0004", null, "https://example.org/rate"),
                Actor.CommandLine, CancellationToken.None);
            Assert.Equal(CommandOutcome.Ok, created.Outcome);
        }

        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge("Stablecoin", "1.1234567", "USDC", "proposed")), "amount");
        Assert.Equal("USDC has 6 decimals; the amount has more fraction digits than that.", problem.Messages("amount"));
        var accepted = await PostAsync(Bodies.Pledge("Stablecoin", "1.123456", "USDC", "proposed"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("1.123456", (await ApiJson.ReadAsync(accepted)).Str("amount"));
    }

    [Fact]
    public async Task An_amount_without_an_asset_is_refused_on_the_asset()
    {
        var problem = await ApiJson.AssertInvalidAsync(await PostAsync(Bodies.Pledge().With("asset", null)), "asset");
        Assert.Equal("The asset is required when an amount is given.", problem.Messages("asset"));
    }
}
