using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Admin.Accounts.Pages;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>The API keys page in the circuit: a new key's secret is shown once, on this page only; revoking asks first.</summary>
public class ApiKeyPagesTests : AccountComponentTest
{
    private string? ShownKey(IRenderedComponent<ApiKeys> page) => page.FindAll("#new-key").SingleOrDefault()?.GetAttribute("value");

    [Fact]
    public async Task A_new_key_is_shown_once_stored_only_as_a_hash_and_not_shown_again()
    {
        var name = $"deploy-{Guid.NewGuid():N}";
        var page = this.RenderPage<ApiKeys>();

        await page.FillAsync("Name", name);
        await page.ClickButtonAsync("Create key");

        var key = ShownKey(page);
        Assert.Matches(new Regex("^rtk_[A-Za-z0-9_-]{43}$"), key);
        await using var db = Database.CreateContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Name == name);
        Assert.Equal((ApiKeyTokens.Hash(key!), Admin.Id, key![..12]), (stored.Hash, stored.UserId, stored.Prefix));
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "apikey.create" && e.EntityLabel == name);
        Assert.Equal("apikey", audit.EntityType);
        Assert.DoesNotContain(key[12..], audit.After);

        var again = this.RenderPage<ApiKeys>();
        again.WaitForAssertion(() => Assert.Contains(key[..12], again.FindAll("tr").Single(tr => tr.QuerySelector("td[data-label=Name]")?.TextContent == name).TextContent));
        Assert.Null(ShownKey(again));
        Assert.DoesNotContain(key[12..], again.Markup);
    }

    [Fact]
    public async Task An_admin_creates_a_key_for_an_editor_that_belongs_to_the_editor()
    {
        var editor = await CreateUserAsync(AdminRoles.Editor, "Script Owner");
        var page = this.RenderPage<ApiKeys>();

        await page.ChooseAsync("Owner", $"Script Owner ({editor.Email}, Editor)");
        await page.FillAsync("Name", "editor script");
        await page.ClickButtonAsync("Create key");

        var key = ShownKey(page)!;
        var stored = await Database.CreateContext().ApiKeys.SingleAsync(k => k.Hash == ApiKeyTokens.Hash(key));
        Assert.Equal(editor.Id, stored.UserId);
    }

    [Fact]
    public async Task Revoking_a_key_asks_first_then_stops_it_and_is_audited()
    {
        var name = $"revoke-me-{Guid.NewGuid():N}";
        await using (var scope = Services.CreateAsyncScope())
        {
            var (result, _) = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateApiKeyAsync(Actor.CommandLine, Admin.Id, name, CancellationToken.None);
            Assert.True(result.Succeeded);
        }
        var id = await Database.CreateContext().ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync();
        var page = this.RenderPage<ApiKeys>();
        page.WaitForElement($"button[aria-label='Revoke {name}']");
        Task Revoke() => page.Find($"button[aria-label='Revoke {name}']").ClickAsync(new());

        await page.ConfirmAsync(Revoke, "Cancel");
        Assert.Null((await Database.CreateContext().ApiKeys.SingleAsync(k => k.Id == id)).RevokedAt);
        await page.ConfirmAsync(Revoke, "Revoke");

        Assert.NotNull((await Database.CreateContext().ApiKeys.SingleAsync(k => k.Id == id)).RevokedAt);
        Assert.Empty(page.FindAll($"button[aria-label='Revoke {name}']"));
        Assert.Equal([$"Revoked the key \"{name}\"."], this.Snackbars());
        var audit = await Database.CreateContext().AuditEntries.SingleAsync(e => e.Action == "apikey.revoke" && e.EntityId == id.ToString());
        Assert.Equal(Admin.DisplayName, audit.Actor);
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_beside_the_name()
    {
        var keysBefore = await Database.CreateContext().ApiKeys.CountAsync();
        var page = this.RenderPage<ApiKeys>();

        await page.ClickButtonAsync("Create key");

        Assert.Null(ShownKey(page));
        Assert.Equal("Name the key, e.g. after the script or person that will use it.", page.ErrorBeside("Name"));
        Assert.Equal(keysBefore, await Database.CreateContext().ApiKeys.CountAsync());
    }
}
