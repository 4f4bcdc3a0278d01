using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Logging;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>Failed sign-ins slow further attempts (per email and per address) and lock nothing, API keys least of all.</summary>
public class SignInThrottleTests
{
    [Fact]
    public async Task Failed_password_sign_ins_never_stop_the_accounts_api_keys()
    {
        var clock = SignInProbe.Clock();
        await using var app = SignInProbe.AppOn(clock);
        var email = await app.CreateUserAsync(AdminRoles.Admin);
        using var api = app.ClientWithKey((await app.CreateApiKeyAsync(email)).Key);

        for (var i = 0; i < 12; i++) await SignInProbe.SubmitAsync(app, SignInProbe.Address(i), email, $"wrong password {i}");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/whoami")).StatusCode);
    }

    [Fact]
    public async Task After_five_failures_an_account_waits_5_then_10_seconds_with_429_retry_after_and_the_form_kept()
    {
        var clock = SignInProbe.Clock();
        await using var app = SignInProbe.AppOn(clock);
        var email = await app.CreateUserAsync(AdminRoles.Editor);
        for (var i = 0; i < 5; i++)
            Assert.Equal(SignInProbe.Wrong, SignInProbe.Alert((await SignInProbe.SubmitAsync(app, SignInProbe.Address(i), email, "wrong password")).Page));

        var (refused, page) = await SignInProbe.SubmitAsync(app, SignInProbe.Address(10), email, TestApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Too many failed sign-ins. Try again in 5 seconds.", SignInProbe.Alert(page));
        Assert.Equal(email, page.QuerySelector<IHtmlInputElement>("form[method=post] input[type=email]")?.Value);
        Assert.NotNull(page.QuerySelector("form[method=post] input[type=password]"));
        Assert.False(SignInProbe.SetsAuthCookie(refused));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SignInProbe.Wrong, SignInProbe.Alert((await SignInProbe.SubmitAsync(app, SignInProbe.Address(11), email, "wrong again")).Page));
        var second = (await SignInProbe.SubmitAsync(app, SignInProbe.Address(12), email, TestApp.Password)).Response;
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("10", second.Headers.GetValues("Retry-After").Single());

        clock.Advance(TimeSpan.FromSeconds(10));
        var signedIn = (await SignInProbe.SubmitAsync(app, SignInProbe.Address(13), email, TestApp.Password)).Response;
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(SignInProbe.SetsAuthCookie(signedIn));
        Assert.Equal(2, app.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Sign-in throttled: {email} from ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_address_gets_its_free_failures_across_emails_then_waits_while_other_addresses_go_on()
    {
        var clock = SignInProbe.Clock();
        await using var app = SignInProbe.AppOn(clock, new Dictionary<string, string?> { ["Admin:SignInRateLimit:AddressFreeFailures"] = "20" });
        const string address = "203.0.113.9";

        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignInProbe.SubmitAsync(app, address, $"guess-{i}@rescue.example", "wrong password")).Response.StatusCode);
        var refused = (await SignInProbe.SubmitAsync(app, address, "guess-20@rescue.example", "wrong password")).Response;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await SignInProbe.SubmitAsync(app, "203.0.113.10", "guess-20@rescue.example", "wrong password")).Response.StatusCode);
    }

    /// <summary>
    /// R5 (ASVS 2.2.1): 200 wrong passwords in one hour against one account, one every 18 seconds, each from another
    /// address (the worst case: no address limit helps). At most 100 may be processed.
    /// </summary>
    [Fact]
    public async Task Two_hundred_failed_sign_ins_in_an_hour_against_one_account_process_56_answer_144_with_429_and_the_key_keeps_working()
    {
        var clock = SignInProbe.Clock();
        await using var app = SignInProbe.AppOn(clock);
        var email = await app.CreateUserAsync(AdminRoles.Admin);
        using var api = app.ClientWithKey((await app.CreateApiKeyAsync(email)).Key);
        int processed = 0, throttled = 0;

        for (var i = 0; i < 200; i++)
        {
            var (response, page) = await SignInProbe.SubmitAsync(app, SignInProbe.Address(i), email, $"guess-{i}-secret");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled++;
                var seconds = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(seconds, 1, 60);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(SignInProbe.Wrong, SignInProbe.Alert(page));
                processed++;
            }
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/whoami")).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(18));
        }

        Assert.Equal((56, 144), (processed, throttled));
        var lines = app.Logs.Entries.Where(e => e.Message.Contains(email, StringComparison.Ordinal)).ToList();
        Assert.Equal(processed, lines.Count(e => e.Message == $"Sign-in failed: {email}"));
        Assert.Equal(throttled, lines.Count(e => e.Message.StartsWith($"Sign-in throttled: {email} from ", StringComparison.Ordinal)));
        Assert.Equal(200, lines.Count);
        Assert.All(lines, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("-secret", StringComparison.Ordinal));
    }
}
