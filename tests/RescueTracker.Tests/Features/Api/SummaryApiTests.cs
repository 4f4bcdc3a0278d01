using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>GET /api/summary on the shipped seed: the acceptance figures, as exact decimal strings.</summary>
public class SummaryApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Summary_returns_the_seed_figures_as_exact_strings()
    {
        var summary = await Json.ReadAsync(await app.CreateClient().GetAsync("/api/summary"));

        Assert.Equal("68900", summary.Str("shortfallEth"));
        Assert.Equal("0", summary.Str("deliveredEth"));
        Assert.Equal("6000", summary.Str("outstandingCommittedEth"));
        Assert.Equal("37500", summary.Str("outstandingProposedEth"));
        Assert.Equal("43500", summary.Str("pledgedEth"));
        Assert.Equal("68900", summary.Str("uncoveredNowEth"));
        Assert.Equal("25400", summary.Str("uncoveredIfAllArriveEth"));
    }

    [Fact]
    public async Task Summary_has_exactly_the_nine_documented_fields()
    {
        var response = await app.CreateClient().GetAsync("/api/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["asOf", "blocks", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "pledgedEth", "shortfallEth",
             "uncoveredIfAllArriveEth", "uncoveredNowEth"],
            (await Json.ReadAsync(response)).FieldNames());
    }

    [Fact]
    public async Task Summary_as_of_is_the_rescues_last_change_in_utc()
    {
        var summary = await Json.ReadAsync(await app.CreateClient().GetAsync("/api/summary"));

        var asOf = summary.Str("asOf")!;
        Assert.EndsWith("Z", asOf);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync();
        Assert.Equal((await db.Rescues.SingleAsync()).UpdatedAt, DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task App_uses_the_configured_database_file_not_its_default()
    {
        await app.CreateClient().GetAsync("/healthz");

        // If the test setting were ignored, the app would have seeded data/rescuetracker.db instead.
        Assert.Equal(9, (await app.Database.RowCountsAsync())["Pledges"]);
    }
}
