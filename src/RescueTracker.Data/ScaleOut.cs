namespace RescueTracker.Data;

/// <summary>
/// The right of one app instance to run a chain's reconciler. Taken by a conditional update (the instance whose update
/// hit the row holds it), renewed well before <see cref="ExpiresAt"/>, taken over by another instance once it has
/// passed. <see cref="Epoch"/> grows with every takeover: each reconciler write checks, in its own transaction, that
/// the row still names its holder and epoch, so a holder that was paused past its expiry writes nothing afterwards.
/// </summary>
public class ReconcilerLease
{
    public long ChainId { get; set; }
    /// <summary>The holding instance's id (<c>Instance:Id</c>).</summary>
    public required string Holder { get; set; }
    public long Epoch { get; set; }
    /// <summary>Unix milliseconds: SQLite compares numbers in SQL, not date-time offsets.</summary>
    public long ExpiresAt { get; set; }
    /// <summary>Unix milliseconds of the holder's takeover.</summary>
    public long AcquiredAt { get; set; }
}

/// <summary>
/// One row, given a new random <see cref="Stamp"/> in the same transaction as every write the figures or public pages
/// depend on. Every instance polls it and refreshes its figures (and so its cached pages) when it differs from the
/// stamp its figures were read with, so a change made on one instance reaches the others within a poll.
/// </summary>
public class DataVersion
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public required string Stamp { get; set; }

    public static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>
/// Failed sign-ins of one email or one client address (<see cref="Key"/>), shared by every instance: the throttle
/// must count an attacker's guesses wherever the load balancer sends them.
/// </summary>
public class SignInFailure
{
    public required string Key { get; set; }
    public int Count { get; set; }
    /// <summary>Unix milliseconds of the last failure.</summary>
    public long LastAt { get; set; }
}
