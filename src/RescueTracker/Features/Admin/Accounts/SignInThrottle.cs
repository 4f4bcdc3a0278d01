using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// Growing delays after failed password sign-ins, kept per email (whether an account has it or not, so the answers
/// cannot tell) and per client address. After the free failures each further attempt waits
/// <see cref="SignInRateLimitOptions.FirstDelay"/> after the last failure, doubling per failure up to
/// <see cref="SignInRateLimitOptions.MaxDelay"/>. An attempt that has to wait is not processed and not counted, so a
/// stranger can slow an account's sign-in by at most the longest delay and never touches its API keys or open sessions.
/// Kept in the database (<see cref="SignInFailure"/>), so every instance behind a load balancer counts the same
/// failures and a restart forgets nothing.
/// </summary>
public sealed class SignInThrottle(
    IDbContextFactory<RescueDbContext> dbFactory, IOptionsMonitor<SignInRateLimitOptions> options, TimeProvider clock, ILogger<SignInThrottle> logger)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private const int Attempts = 5;

    private DateTimeOffset _nextSweep;

    /// <summary>
    /// Zero when the attempt may be processed; it then counts as a failure of the email and the address until
    /// <see cref="SucceededAsync"/> says otherwise (so concurrent attempts cannot slip in together). Otherwise the wait.
    /// </summary>
    public async Task<TimeSpan> TryBeginAsync(string email, IPAddress? address, CancellationToken ct = default)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var (account, client) = (AccountKey(email), AddressKey(address));
        await SweepAsync(now, settings, ct);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.SignInFailures.AsNoTracking().Where(f => f.Key == account || f.Key == client).ToDictionaryAsync(f => f.Key, ct);
            var accountFailures = Current(rows.GetValueOrDefault(account), now, settings);
            var addressFailures = Current(rows.GetValueOrDefault(client), now, settings);
            var wait = Max(Wait(accountFailures, settings.AccountFreeFailures, now, settings), Wait(addressFailures, settings.AddressFreeFailures, now, settings));
            if (wait > TimeSpan.Zero) return wait;
            try
            {
                // Each row moves only from the state read above: another instance's attempt in between makes this one read again.
                if (await CountAsync(db, account, rows.GetValueOrDefault(account), accountFailures.Count + 1, now, ct)
                    && await CountAsync(db, client, rows.GetValueOrDefault(client), addressFailures.Count + 1, now, ct))
                {
                    await tx.CommitAsync(ct);
                    return TimeSpan.Zero;
                }
            }
            catch (DbUpdateException)
            {
                // Another instance inserted the row first.
            }
        }
        // Contended past all reason: refusing for a moment is the safe answer.
        logger.LogWarning("Sign-in failures for {Email} from {Address} could not be counted; the attempt waits", email, address);
        return settings.FirstDelay;
    }

    /// <summary>The right password: the email's failures are forgotten, and the address's count loses this attempt again.</summary>
    public async Task SucceededAsync(string email, IPAddress? address, CancellationToken ct = default)
    {
        var (account, client) = (AccountKey(email), AddressKey(address));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SignInFailures.Where(f => f.Key == account || (f.Key == client && f.Count <= 1)).ExecuteDeleteAsync(ct);
        await db.SignInFailures.Where(f => f.Key == client && f.Count > 1).ExecuteUpdateAsync(u => u.SetProperty(f => f.Count, f => f.Count - 1), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Whole seconds for a <c>Retry-After</c> header and the page's message; never zero.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static string AccountKey(string email) => "email:" + email.Trim().ToUpperInvariant();

    private static string AddressKey(IPAddress? address) => "address:" + (address?.ToString() ?? "unknown");

    private readonly record struct Failures(int Count, DateTimeOffset Last);

    private static Failures Current(SignInFailure? row, DateTimeOffset now, SignInRateLimitOptions settings)
    {
        if (row is null) return default;
        var last = DateTimeOffset.FromUnixTimeMilliseconds(row.LastAt);
        return now - last < settings.ForgetAfter ? new Failures(row.Count, last) : default;
    }

    /// <summary>Writes the new count where the row still is as read (or inserts it); false when it had moved.</summary>
    private static async Task<bool> CountAsync(RescueDbContext db, string key, SignInFailure? read, int count, DateTimeOffset now, CancellationToken ct)
    {
        var at = now.ToUnixTimeMilliseconds();
        if (read is null)
        {
            db.SignInFailures.Add(new SignInFailure { Key = key, Count = count, LastAt = at });
            await db.SaveChangesAsync(ct);
            return true;
        }
        return await db.SignInFailures.Where(f => f.Key == key && f.Count == read.Count && f.LastAt == read.LastAt)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Count, count).SetProperty(f => f.LastAt, at), ct) == 1;
    }

    private static TimeSpan Wait(Failures failures, int free, DateTimeOffset now, SignInRateLimitOptions settings)
    {
        if (failures.Count < free) return TimeSpan.Zero;
        var doublings = Math.Min(failures.Count - free, 30);
        var delay = TimeSpan.FromSeconds(Math.Min(settings.FirstDelay.TotalSeconds * Math.Pow(2, doublings), settings.MaxDelay.TotalSeconds));
        return Max(failures.Last + delay - now, TimeSpan.Zero);
    }

    /// <summary>Failures past <see cref="SignInRateLimitOptions.ForgetAfter"/> are deleted, at most once a minute per instance.</summary>
    private async Task SweepAsync(DateTimeOffset now, SignInRateLimitOptions settings, CancellationToken ct)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + SweepInterval;
        var forgotten = (now - settings.ForgetAfter).ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInFailures.Where(f => f.LastAt <= forgotten).ExecuteDeleteAsync(ct);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
