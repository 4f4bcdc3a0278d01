using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Wrong password or no such account: one answer for both.</summary>
    Failed,
    /// <summary>The right password for an account an admin locked.</summary>
    Locked,
    /// <summary>Not processed: the email or the address must wait (<see cref="SignInThrottle"/>).</summary>
    Throttled,
}

public readonly record struct SignInAttempt(SignInOutcome Outcome, TimeSpan RetryAfter = default);

/// <summary>
/// The sign-in form's password check. Failures never lock anything: they only slow further attempts
/// (<see cref="SignInThrottle"/>), so a stranger cannot switch off an account's API keys. An unknown email costs the same
/// work as a known one (one password hash verified, against a dummy hash of the same kind) and gets the same answer; an
/// admin's lock is told only to someone who has just typed the right password. One log line per refused attempt.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AdminUser> signIn, UserManager<AdminUser> users, IPasswordHasher<AdminUser> hasher, SignInThrottle throttle, ILogger<PasswordSignIn> logger)
{
    private static string? s_dummyHash;

    public async Task<SignInAttempt> SignInAsync(string email, string password, IPAddress? address)
    {
        var wait = await throttle.TryBeginAsync(email, address);
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Sign-in throttled: {Email} from {Address}, retry in {Seconds} s", email, address, SignInThrottle.Seconds(wait));
            return new SignInAttempt(SignInOutcome.Throttled, wait);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            VerifyAgainstDummy(password);
            logger.LogWarning("Sign-in failed: {Email}", email);
            return new SignInAttempt(SignInOutcome.Failed);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            logger.LogWarning("Sign-in failed: {Email}", email);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        await throttle.SucceededAsync(email, address);
        if (await users.IsLockedOutAsync(user))
        {
            logger.LogWarning("Sign-in refused, account locked by an admin: {Email}", email);
            return new SignInAttempt(SignInOutcome.Locked);
        }
        await signIn.SignInAsync(user, isPersistent: false);
        logger.LogInformation("Signed in {Email}", email);
        return new SignInAttempt(SignInOutcome.SignedIn);
    }

    /// <summary>The hasher's own format and iteration count, made once from a random password nobody knows.</summary>
    private void VerifyAgainstDummy(string password)
    {
        var dummy = new AdminUser();
        s_dummyHash ??= hasher.HashPassword(dummy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(dummy, s_dummyHash, password);
    }
}
