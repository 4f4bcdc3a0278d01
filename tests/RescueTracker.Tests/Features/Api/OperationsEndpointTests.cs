using System.Net;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

public class OperationsEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Health_check_is_200_once_the_database_holds_the_rescue()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_is_served_and_lists_the_public_endpoints()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Json.ReadAsync(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/summary", out _), "no /api/summary in the OpenAPI paths");
        Assert.True(paths.TryGetProperty("/api/pledges", out _), "no /api/pledges in the OpenAPI paths");
        Assert.True(paths.TryGetProperty("/api/pledges/{id}", out _), "no /api/pledges/{id} in the OpenAPI paths");
    }
}
