using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// An admin page rendered by bUnit on a real seeded database (a SQLite file; in the PostgreSQL run a database on the server), with the app's own ledger services (commands,
/// queries, figures, audit: registered by the app's own extension methods) and a signed-in Editor. Only the sign-in itself is bUnit's: the page sees the principal a
/// cookie would give it.
/// </summary>
public abstract class AdminComponentTest : ComponentTest
{
    public const string EditorName = "Erin Editor";

    protected AdminComponentTest()
    {
        Services.AddLogging(logging => logging.AddProvider(Logs));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IDbContextFactory<RescueDbContext>>(_ => Database.File.Factory);
        Services.AddSingleton(_ => Database.Figures);
        Services.AddAdminLedger();
        Auth = AddAuthorization();
        Auth.SetAuthorized(EditorName);
        Auth.SetRoles(AdminRoles.Editor);
        Auth.SetClaims(new Claim(AdminClaims.DisplayName, EditorName), new Claim(ClaimTypes.NameIdentifier, "editor-id"));
    }

    /// <summary>
    /// MudBlazor's popover, dialog and snackbar hosts, as AdminLayout renders them in a circuit. Rendered before
    /// the page, they share its services: a dialog the page opens appears in <see cref="Hosts.Dialogs"/>.
    /// </summary>
    protected Hosts RenderHosts() => new(Render<MudPopoverProvider>(), Render<MudDialogProvider>(), Render<MudSnackbarProvider>());

    protected sealed record Hosts(
        IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars);

    /// <summary>The seeded database; created before the first render (xunit runs <see cref="InitializeAsync"/> first).</summary>
    protected SeededDatabase Database { get; private set; } = default!;

    protected BunitAuthorizationContext Auth { get; }

    protected LogCapture Logs { get; } = new();

    protected override async Task InitializeAsync()
    {
        Database = await SeededDatabase.CreateAsync();
        // Admin pages run in a circuit: their buttons are enabled and the figures panel listens only there. Set here,
        // not in the constructor: it builds the renderer, after which subclasses could register no more services.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Database?.Dispose();
    }
}
