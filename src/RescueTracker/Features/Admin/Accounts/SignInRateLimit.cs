using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// <c>Admin:SignInRateLimit</c>: sign-in POSTs per client address and window (a flood limit, every POST counts), and
/// the growing delays after failed password sign-ins, per account and per client address (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "Admin:SignInRateLimit";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins for one email (an account or not) before each further attempt must wait.</summary>
    [Range(1, 1_000)]
    public int AccountFreeFailures { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address, across emails, before each further attempt must wait (an office shares one address).</summary>
    [Range(1, 100_000)]
    public int AddressFreeFailures { get; set; } = 20;

    /// <summary>The wait after the free failures; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait: with 1 minute at most about 70 guesses an hour reach one account (ASVS 2.2.1 allows 100).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures are forgotten this long after the last one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Limits sign-in POSTs per client address (the forwarded one when a known proxy sent it), whatever their outcome, so
/// a flood of posts cannot keep the server hashing; the growing delays after failures are <see cref="SignInThrottle"/>'s job.
/// Nothing else is limited.
/// </summary>
internal static class SignInRateLimit
{
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration(SignInRateLimitOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MaxDelay >= o.FirstDelay, $"{SignInRateLimitOptions.Section}:MaxDelay must not be shorter than FirstDelay.")
            .Validate(o => o.ForgetAfter >= o.MaxDelay, $"{SignInRateLimitOptions.Section}:ForgetAfter must not be shorter than MaxDelay.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInRateLimitOptions>>((options, settings) =>
        {
            var limit = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInPost(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit).FullName!)
                    .LogWarning("Sign-in rate limit reached for {Address}", http.Connection.RemoteIpAddress);
                // A body of our own: the page branch would otherwise re-execute the not-found page for this status.
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync($"Too many sign-in attempts from this address. Try again in {seconds} seconds.", ct);
            };
        });
        return services;
    }

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/admin/login");
}
