using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// The real app in memory on its own SQLite file with the shipped seed. Accounts are made through the app's
/// <see cref="AccountService"/>; browsers sign in through the real /admin/login form.
/// </summary>
public class LedgerPagesApp : RescueAppFactory
{
    public const string Password = "a long enough test passphrase";
    public const string EditorName = "Edda Editor";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every test signs in; the per-address sign-in limit is not what these tests are about.
        builder.UseSetting("Admin:SignInRateLimit:PermitLimit", "10000");
    }

    public async Task<string> CreateUserAsync(string role, string displayName)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@rescue.example";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(Actor.CommandLine, email, displayName, role, Password, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return email;
    }

    public PageBrowser Browser() => new(CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A browser signed in as a new account with the role.</summary>
    public async Task<PageBrowser> SignedInAsync(string role = AdminRoles.Editor, string displayName = EditorName)
    {
        var browser = Browser();
        await browser.SignInAsync(await CreateUserAsync(role, displayName), Password);
        browser.DisplayName = displayName;
        return browser;
    }

    public async Task<T> QueryAsync<T>(Func<RescueDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public Task<Pledge> PledgeAsync(string pledger) => QueryAsync(db =>
        db.Pledges.Include(p => p.Asset).Include(p => p.Senders).Include(p => p.Pledger).SingleAsync(p => p.Pledger!.Name == pledger));

    /// <summary>The dashboard's six figures, read from the <c>data</c> values the page renders (exact decimals).</summary>
    public async Task<DashboardFigures> DashboardAsync(PageBrowser browser)
    {
        var (_, page) = await browser.GetAsync("/");
        ExactDecimal Read(string figure) =>
            ExactDecimal.Parse(page.QuerySelector($".figure-{figure} data")?.GetAttribute("value")
                               ?? throw new InvalidOperationException($"No figure '{figure}' on the dashboard."));
        return new DashboardFigures(Read("shortfall"), Read("delivered"), Read("committed"), Read("proposed"), Read("uncovered-now"), Read("uncovered-if-all"));
    }
}

public sealed record DashboardFigures(
    ExactDecimal Shortfall, ExactDecimal Delivered, ExactDecimal Committed, ExactDecimal Proposed, ExactDecimal UncoveredNow, ExactDecimal UncoveredIfAll);
