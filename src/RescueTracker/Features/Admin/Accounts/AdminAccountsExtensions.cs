using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

public static class AdminAccountsExtensions
{
    /// <summary>Identity on the app's database with the project's password rules; used by the web app and the command line (no sign-in there).</summary>
    public static IServiceCollection AddAdminIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<AdminUser>(options =>
            {
                // NIST SP 800-63B: a minimum length and nothing else (the maximum is PasswordRules).
                options.Password.RequiredLength = PasswordRules.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Only an admin locks an account (indefinitely, API keys included); failed sign-ins are throttled
                // instead (SignInThrottle), since a lock any stranger can pull would switch off the owner's keys.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RescueDbContext>()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>()
            .AddPasswordValidator<PasswordRules>();
        services.AddScoped<AccountService>();
        return services;
    }

    /// <summary>The account pages' reads (users, API keys); they hold no state.</summary>
    public static IServiceCollection AddAccountPages(this IServiceCollection services) =>
        services.AddSingleton<Pages.UserQueries>();

    /// <summary>Accounts, sign-in cookies with server-side sessions, API keys, policies and the sign-in limits.</summary>
    public static IServiceCollection AddAdminAccounts(this IServiceCollection services)
    {
        services.AddAccountPages();
        // The sign-in manager needs authentication services, which the command line has no use for.
        new IdentityBuilder(typeof(AdminUser), typeof(IdentityRole), services.AddAdminIdentity()).AddSignInManager();
        services.AddScoped<PasswordSignIn>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/admin/login";
            options.AccessDeniedPath = "/admin/denied";
            options.LogoutPath = "/admin/logout";
            options.Cookie.Name = "RescueTracker.Admin";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = RedirectOrStatus(StatusCodes.Status401Unauthorized, logDenied: false);
            options.Events.OnRedirectToAccessDenied = RedirectOrStatus(StatusCodes.Status403Forbidden, logDenied: true);
            // Signing in on the sign-in page, the handler would redirect to the raw ReturnUrl itself (a non-ASCII one
            // throws on the Location header); the page sends the browser to SafeReturnUrl's encoded target instead.
            options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
            // The browser may hold public pages from before sign-in (public, max-age=5): drop them, so the
            // admin's own changes show on the next page; signed in, every page is no-store.
            options.Events.OnSignedIn = context =>
            {
                context.Response.Headers["Clear-Site-Data"] = "\"cache\"";
                return Task.CompletedTask;
            };
        });
        // Role changes and locks reach open sessions within a minute rather than Identity's default half hour; the
        // refreshed principal keeps its session id.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(AdminClaims.SessionId) is { } session)
                    context.NewPrincipal?.Identities.First().AddClaim(new System.Security.Claims.Claim(session.Type, session.Value));
                return Task.CompletedTask;
            };
        });
        // Sessions live on the server: the cookie carries an id, sign-out deletes the row, open circuits re-check it.
        services.AddSingleton<AdminSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AdminSessionStore>((options, store) => options.SessionStore = store);
        services.AddOptions<AdminSessionOptions>().BindConfiguration(AdminSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AdminSessionRevalidation>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin))
            .AddPolicy(AdminPolicies.Editor, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin, AdminRoles.Editor))
            .AddPolicy(AdminPolicies.AdminApi, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(AdminRoles.Admin))
            .AddPolicy(AdminPolicies.EditorApi, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(AdminRoles.Admin, AdminRoles.Editor));

        services.AddSignInRateLimit();
        return services;
    }

    /// <summary>Admin pages and admin API answers are private and change with every edit: no cache may keep them.</summary>
    public static IApplicationBuilder UseAdminNoStore(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/admin") || context.Request.Path.StartsWithSegments("/api/admin"))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });

    /// <summary>Sign-out (POST only, antiforgery checked because it binds a form field) and a key check for API clients.</summary>
    public static IEndpointRouteBuilder MapAdminAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/logout", async ([FromForm(Name = "returnUrl")] string? returnUrl, HttpContext context, SignInManager<AdminUser> signIn, ILogger<SignInManager<AdminUser>> logger) =>
        {
            var name = context.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (name is not null) logger.LogInformation("Signed out {Email}", name);
            return TypedResults.LocalRedirect(SafeReturnUrl.Local(returnUrl) ?? "/");
        });

        endpoints.MapGet("/api/admin/whoami", (HttpContext context) =>
        {
            var actor = context.User.ToActor();
            return TypedResults.Ok(new
            {
                userId = actor.UserId,
                displayName = actor.DisplayName,
                via = actor.Via,
                roles = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToArray(),
            });
        }).RequireAuthorization(AdminPolicies.EditorApi);
        return endpoints;
    }

    /// <summary>
    /// A browser gets the usual redirect; anything under /api gets the bare status, since a script
    /// following a redirect to an HTML sign-in page would only misread it.
    /// </summary>
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> RedirectOrStatus(int apiStatus, bool logDenied) => context =>
    {
        var http = context.HttpContext;
        if (logDenied)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RescueTracker.Admin.Access")
                .LogWarning("Access denied: {User} may not {Method} {Path}", http.User.Identity?.Name, http.Request.Method, http.Request.Path);
        }
        if (http.Request.Path.StartsWithSegments("/api")) http.Response.StatusCode = apiStatus;
        else http.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
}
