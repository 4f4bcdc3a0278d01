using System.Net;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

public class RateLimitTests(AppFixture<RateLimited> fixture) : IClassFixture<AppFixture<RateLimited>>
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_retry_after_and_other_addresses_and_pages_are_not_affected()
    {
        using var browser = fixture.App.FormClient();
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");

        for (var i = 0; i < RateLimited.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitSignInAsync("someone@rescue.example", "wrong password")).StatusCode);
        var refused = await browser.SubmitSignInAsync("someone@rescue.example", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin/login")).StatusCode);

        using var other = fixture.App.FormClient();
        other.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.8");
        Assert.Equal(HttpStatusCode.OK, (await other.SubmitSignInAsync("someone@rescue.example", "wrong password")).StatusCode);
    }
}
