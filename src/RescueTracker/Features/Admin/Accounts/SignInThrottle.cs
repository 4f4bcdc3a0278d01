using System.Net;
using Microsoft.Extensions.Options;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// Growing delays after failed password sign-ins, kept per email (whether an account has it or not, so the answers
/// cannot tell) and per client address. After the free failures each further attempt waits
/// <see cref="SignInRateLimitOptions.FirstDelay"/> after the last failure, doubling per failure up to
/// <see cref="SignInRateLimitOptions.MaxDelay"/>. An attempt that has to wait is not processed and not counted, so a
/// stranger can slow an account's sign-in by at most the longest delay and never touches its API keys or open sessions.
/// Kept in memory: one app instance, and a restart forgets (at most one more set of free failures).
/// </summary>
public sealed class SignInThrottle(IOptionsMonitor<SignInRateLimitOptions> options, TimeProvider clock)
{
    private readonly record struct Failures(int Count, DateTimeOffset Last);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep;

    /// <summary>
    /// Zero when the attempt may be processed; it then counts as a failure of the email and the address until
    /// <see cref="Succeeded"/> says otherwise (so concurrent attempts cannot slip in together). Otherwise the wait.
    /// </summary>
    public TimeSpan TryBegin(string email, IPAddress? address)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var (account, client) = (AccountKey(email), AddressKey(address));
        lock (_gate)
        {
            Sweep(now, settings);
            var accountFailures = Current(account, now, settings);
            var addressFailures = Current(client, now, settings);
            var wait = Max(Wait(accountFailures, settings.AccountFreeFailures, now, settings), Wait(addressFailures, settings.AddressFreeFailures, now, settings));
            if (wait > TimeSpan.Zero) return wait;
            _failures[account] = new Failures(accountFailures.Count + 1, now);
            _failures[client] = new Failures(addressFailures.Count + 1, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>The right password: the email's failures are forgotten, and the address's count loses this attempt again.</summary>
    public void Succeeded(string email, IPAddress? address)
    {
        var client = AddressKey(address);
        lock (_gate)
        {
            _failures.Remove(AccountKey(email));
            if (_failures.TryGetValue(client, out var failures))
            {
                if (failures.Count <= 1) _failures.Remove(client);
                else _failures[client] = failures with { Count = failures.Count - 1 };
            }
        }
    }

    /// <summary>Whole seconds for a <c>Retry-After</c> header and the page's message; never zero.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static string AccountKey(string email) => "email:" + email.Trim().ToUpperInvariant();

    private static string AddressKey(IPAddress? address) => "address:" + (address?.ToString() ?? "unknown");

    private Failures Current(string key, DateTimeOffset now, SignInRateLimitOptions settings) =>
        _failures.TryGetValue(key, out var failures) && now - failures.Last < settings.ForgetAfter ? failures : default;

    private static TimeSpan Wait(Failures failures, int free, DateTimeOffset now, SignInRateLimitOptions settings)
    {
        if (failures.Count < free) return TimeSpan.Zero;
        var doublings = Math.Min(failures.Count - free, 30);
        var delay = TimeSpan.FromSeconds(Math.Min(settings.FirstDelay.TotalSeconds * Math.Pow(2, doublings), settings.MaxDelay.TotalSeconds));
        return Max(failures.Last + delay - now, TimeSpan.Zero);
    }

    private void Sweep(DateTimeOffset now, SignInRateLimitOptions settings)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + SweepInterval;
        foreach (var (key, failures) in _failures.ToList())
            if (now - failures.Last >= settings.ForgetAfter) _failures.Remove(key);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
