using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>
/// Sign-in tells nobody which accounts exist: an existing and an unknown email get the same status, headers and page
/// (the email itself and the antiforgery token aside) in every state. The timing is measured outside the tests.
/// </summary>
public partial class SignInEnumerationTests
{
    [Fact]
    public async Task Existing_and_unknown_emails_get_the_same_answer_fresh_after_many_failures_and_throttled()
    {
        var clock = SignInProbe.Clock();
        await using var app = SignInProbe.AppOn(clock);
        var existing = await app.CreateUserAsync(AdminRoles.Editor, email: $"member-{Guid.NewGuid():N}@rescue.example");
        var unknown = $"member-{Guid.NewGuid():N}@rescue.example";
        var address = 0;

        // Attempts 1-6: fresh, then past the free failures (5 s apart, so each is processed), then one throttled.
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var known = await AnswerAsync(app, SignInProbe.Address(address++), existing);
            var other = await AnswerAsync(app, SignInProbe.Address(address++), unknown);
            Assert.Equal(known.Replace(existing, "EMAIL", StringComparison.Ordinal), other.Replace(unknown, "EMAIL", StringComparison.Ordinal));
            if (attempt < 6) clock.Advance(TimeSpan.FromSeconds(attempt < 5 ? 1 : 5));
        }
        Assert.Contains("status 429", await AnswerAsync(app, SignInProbe.Address(address++), unknown));
    }

    [Fact]
    public async Task A_wrong_password_for_an_account_an_admin_locked_gets_the_answer_of_an_unknown_email()
    {
        var clock = SignInProbe.Clock();
        await using var app = SignInProbe.AppOn(clock);
        var locked = await app.CreateUserAsync(AdminRoles.Editor, email: $"member-{Guid.NewGuid():N}@rescue.example");
        var unknown = $"member-{Guid.NewGuid():N}@rescue.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var id = await app.Db().Users.Where(u => u.Email == locked).Select(u => u.Id).SingleAsync();
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>().SetLockedAsync(Actor.CommandLine, id, true, default)).Succeeded);
        }

        var known = await AnswerAsync(app, SignInProbe.Address(1), locked);
        var other = await AnswerAsync(app, SignInProbe.Address(2), unknown);

        Assert.Equal(known.Replace(locked, "EMAIL", StringComparison.Ordinal), other.Replace(unknown, "EMAIL", StringComparison.Ordinal));
        Assert.Contains(SignInProbe.Wrong, known);
        var (right, page) = await SignInProbe.SubmitAsync(app, SignInProbe.Address(3), locked, TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("This account is locked. Ask an admin to unlock it.", SignInProbe.Alert(page));
    }

    /// <summary>Status, every header but Date (cookies by name only) and the page without its antiforgery token and protected component state (both random per answer), as one text.</summary>
    private static async Task<string> AnswerAsync(TestApp app, string address, string email)
    {
        var (response, _) = await SignInProbe.SubmitAsync(app, address, email, "not the password");
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => h.Key == "Set-Cookie" ? $"{h.Key}: {string.Join(", ", h.Value.Select(c => c[..c.IndexOf('=')]))}" : $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal);
        var body = Token().Replace(await response.Content.ReadAsStringAsync(), "TOKEN");
        return $"status {(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{body}";
    }

    [GeneratedRegex("__RequestVerificationToken\" value=\"[^\"]*\"|<!--Blazor-Server-Component-State:[^-]*-->")]
    private static partial Regex Token();
}
