using Microsoft.AspNetCore.DataProtection;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using RescueTracker.Components;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Features.Api;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Contributors;
using RescueTracker.Features.Discrepancies;
using RescueTracker.Features.Exports;
using RescueTracker.Features.Sharing;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Pledges;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Seed;
using RescueTracker.Features.Status;
using RescueTracker.Features.Transfers;
using RescueTracker.Features.Webhooks;
using RescueTracker.Hosting.Caching;
using MudBlazor.Services;

namespace RescueTracker.Hosting;

public static class RescueTrackerExtensions
{
    public static WebApplicationBuilder AddRescueTracker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Data: SQLite (WAL) or PostgreSQL (Database:Provider) through a DbContext factory, migrated and seeded once the server listens (503 until then).
        services.AddRescueDatabase(builder.Configuration, builder.Environment);
        services.AddSingleton(TimeProvider.System);
        // This process among the instances sharing the database (the holder named in reconciler leases).
        services.AddSingleton(InstanceIdentity.From(builder.Configuration));
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton<SeedLoader>();
        services.AddHostedService<DatabaseInitializer>();

        // Figures: computed once per change, read by every page and endpoint; each change recorded in their history.
        services.AddSingleton<FiguresService>();
        services.AddFigureHistory();
        // Changes made by other instances on the same database: a version row polled every second refreshes the figures.
        services.AddOptions<DataVersionPollOptions>().BindConfiguration(DataVersionPollOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DataVersionPoll>();
        // Public pages and answers: kept compressed in the output cache until the figures change.
        services.AddPublicCaching();

        // Chains: per-chain settings keyed by chain id; a reconciler polls each chain that has an RpcUrl.
        services.AddOptions<ChainsOptions>().BindConfiguration(ChainsOptions.Section).Validate(ChainsOptionsValidation.Validate).ValidateOnStart();
        services.AddReconciliation();

        // Pages: public pages render static (no circuit per viewer); the admin area runs interactive on the server.
        // Each feature registers its read queries (singletons over the context factory).
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddPublicPageAntiforgery();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddPledgePages();
        services.AddStatusPages();
        services.AddTransferPages();
        services.AddContributorPages();
        services.AddDiscrepancies();
        services.AddExports();
        services.AddSharing();

        // Admin: Identity accounts with cookie sign-in, API keys for /api/admin, role policies, the sign-in rate limit;
        // the ledger's write side behind the admin forms and API.
        services.AddAdminAccounts();
        services.AddAdminLedger();
        // Webhooks: admins register URLs; every feed event is POSTed to each, signed, retried with backoff for a day.
        services.AddWebhooks();
        // Sign-in cookies and antiforgery tokens stay valid across restarts and across instances: the keys live in the
        // database, under one application name (it isolates the payloads, so every instance must use the same).
        services.AddDataProtection().SetApplicationName("RescueTracker").PersistKeysToDbContext<RescueDbContext>();
        // The framework reads the key ring as the host starts, before the start-up migrations have made its table (they
        // run once the server listens): it is read on first use instead, by a request, which waits for the migrations.
        foreach (var prewarm in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(prewarm);

        // API: problem details for every error, a public OpenAPI document; health: live, ready (start-up and database).
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthEndpoints();
        // Requests are served only for the hosts in AllowedHosts, checked after a trusted proxy's forwarded host.
        services.AddHostValidation();

        // Operations: our meters (exported at /metrics when Metrics:Enabled), console logs as JSON lines when LogFormat is json.
        services.AddRescueMetrics(builder.Configuration);
        builder.AddLogFormat();

        // Behind a TLS-terminating proxy: trust its forwarded headers (loopback by default, more by configuration).
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        return builder;
    }

    public static WebApplication UseRescueTracker(this WebApplication app)
    {
        // The client's host and address first, then refuse what no endpoint may see: a host this app does not serve,
        // any request but the health probes while the database is prepared.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseHostValidation();
        app.UseStartupGate();
        // MudBlazor's fingerprinted CSS and JS answered with the package's own .br/.gz files (then routing).
        app.UseCompressedFingerprintedAssets();
        app.UseAdminNoStore();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        if (app.Configuration.GetValue<bool>("Https:Redirect")) app.UseHttpsRedirection();
        // Pages show the not-found page; the API answers empty error responses with problem details instead.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            // Only GET and HEAD pages: re-executing a refused form POST would run the not-found page as a
            // form post and turn a 400 into a 404.
            var isPage = !context.Request.Path.StartsWithSegments("/api");
            if (isPage && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        // After the forwarded headers, so the limit applies to the client's address, not the proxy's.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UsePublicCaching();

        app.MapStaticAssets();
        // One content security policy, ours (frame-ancestors 'none'): not a second one from the framework.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapOpenApi().CacheOutput(new PublicCacheAttribute());
        // A readable page over the same document (Scalar), under the same CSP as every page.
        app.MapApiDocs();
        app.MapHealthEndpoints();
        app.MapRescueMetrics();
        app.MapPublicApi();
        app.MapFeed();
        app.MapAdminAccounts();
        app.MapAdminApi();
        return app;
    }
}
