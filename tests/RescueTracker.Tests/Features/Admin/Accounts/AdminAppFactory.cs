using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>
/// The real app on its own SQLite file, reached as if from a loopback client (as behind a local proxy).
/// A test may pose as another client address with the <see cref="ClientAddressHeader"/> header.
/// The sign-in rate limit is high here so sign-in tests never trip it; <see cref="RateLimitedAppFactory"/> lowers it.
/// </summary>
public class AdminAppFactory : RescueAppFactory
{
    public const string ClientAddressHeader = "X-Test-Client-Address";
    public const string Password = "correct horse battery staple";

    protected virtual int SignInPermitLimit => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Admin:SignInRateLimit:PermitLimit", SignInPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>A new account with the given role, created the way the admin pages do it (audit entry included).</summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, string password = Password)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@rescue.example";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(Actor.CommandLine, email, displayName: null, role, password, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return email;
    }

    public async Task<string> CreateApiKeyAsync(string email, string name = "test key")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RescueDbContext>();
        var userId = db.Users.Single(u => u.Email == email).Id;
        var (result, key) = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateApiKeyAsync(Actor.CommandLine, userId, name, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return key!.Key;
    }

    public FormClient Browser() => new(CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Runs before the app's own pipeline, so forwarded headers and the rate limit see this address.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(ClientAddressHeader, out var address)
                    ? IPAddress.Parse(address!)
                    : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>An app whose sign-in form takes three POSTs per client address and minute.</summary>
public sealed class RateLimitedAppFactory : AdminAppFactory
{
    public const int Limit = 3;

    protected override int SignInPermitLimit => Limit;
}
