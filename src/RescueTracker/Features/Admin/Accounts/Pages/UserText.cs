namespace RescueTracker.Features.Admin.Accounts.Pages;

internal static class UserText
{
    /// <summary>Shown instead of "locked until 31 December 9999" for an admin's lock.</summary>
    public static string LockText(UserRow user, DateTimeOffset now) => user.LockoutEnd switch
    {
        { } end when end > now && end.Year > 9000 => "locked by an admin",
        { } end when end > now => $"locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "active",
    };
}
