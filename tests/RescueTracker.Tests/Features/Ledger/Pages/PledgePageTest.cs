using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// The pledge pages in bUnit, driven as an editor drives them: typing into inputs by their id, choosing in the selects,
/// clicking buttons by their text. The commands and the database are the app's own.
/// </summary>
public abstract class PledgePageTest : AdminComponentTest
{
    protected Hosts Host { get; private set; } = default!;

    protected override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host = RenderHosts();
    }

    protected PledgeCommands Commands => Services.GetRequiredService<PledgeCommands>();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    protected IReadOnlyList<string> Snackbars => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    protected static readonly Actor Editor = new("editor-id", EditorName, "form");

    /// <summary>Enters a pledge through the command the form calls; its id is returned.</summary>
    protected async Task<int> EnterAsync(string pledger, string amount = "1000", string status = "proposed")
    {
        var result = await Commands.CreateAsync(new PledgeInput(pledger, amount, "ETH", status, "grant", null, null,
            "https://news.example/" + Uri.EscapeDataString(pledger), "2026-04-26", null, []), Editor, CancellationToken.None);
        Assert.True(result.Outcome == CommandOutcome.Ok, $"Entering {pledger}: {result.Outcome}");
        return result.Value!.Id;
    }

    /// <summary>Gives the app's services contexts with these interceptors (to watch the SQL, or to act at a point of a command).</summary>
    protected void Intercept(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        Services.AddSingleton<IDbContextFactory<RescueDbContext>>(_ =>
            new InterceptedFactory(new DbContextOptionsBuilder<RescueDbContext>(Database.File.Options).AddInterceptors(interceptors).Options));

    private sealed class InterceptedFactory(DbContextOptions<RescueDbContext> options) : IDbContextFactory<RescueDbContext>
    {
        public RescueDbContext CreateDbContext() => new(options);
    }

    protected Task<DatabaseSnapshot> SnapshotAsync() => DatabaseSnapshot.TakeAsync(Database.File);

    protected async Task<Pledge> PledgeAsync(string pledger)
    {
        await using var db = Database.CreateContext();
        return await db.Pledges.Include(p => p.Asset).Include(p => p.Pledger).SingleAsync(p => p.Pledger!.Name == pledger);
    }

    /// <summary>Types into a text input or textarea (MudBlazor takes the value on change, as a browser sends it on blur).</summary>
    protected static void Type(IRenderedComponent<IComponent> page, string inputId, string value) => page.Find($"#{inputId}").Change(value);

    /// <summary>Chooses a value in a MudSelect, as picking its item in the popover does.</summary>
    protected static async Task ChooseAsync(IRenderedComponent<IComponent> page, string inputId, string value)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.GetState(x => x.InputId) == inputId);
        await select.InvokeAsync(() => select.Instance.SelectOption(value));
    }

    /// <summary>Finds and clicks in one turn of the renderer: a render in between would retire the handler found.</summary>
    protected static void Click(IRenderedComponent<IComponent> page, string text) =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();

    /// <summary>The message shown under a field, found by the id its input's aria-describedby names.</summary>
    protected static string? ErrorOf(IRenderedComponent<IComponent> page, string inputId)
    {
        var input = page.Find($"#{inputId}");
        var described = input.GetAttribute("aria-describedby");
        return described is null ? null : page.FindAll($"#{described}").SingleOrDefault()?.TextContent.Trim();
    }

    /// <summary>Every field message on the page (MudBlazor marks an input's helper text as an error).</summary>
    protected static IReadOnlyList<string> FieldErrors(IRenderedComponent<IComponent> page) =>
        page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();

    protected static string ValueOf(IRenderedComponent<IComponent> page, string inputId)
    {
        var element = page.Find($"#{inputId}");
        return element.GetAttribute("value") ?? element.TextContent;
    }

    /// <summary>
    /// Retries an assertion until it holds, for what a timer starts (a text filter's debounce): bUnit's WaitForAssertion
    /// re-checks on renders it is told of, and missed the grid reloading after the debounce here.
    /// </summary>
    protected static async Task EventuallyAsync(Action assertion, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    protected void AssertNothingLogged() =>
        Assert.True(Logs.Entries.Count == 0, "Logged: " + string.Join("\n", Logs.Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}")));
}
