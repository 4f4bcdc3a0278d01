using System.Globalization;

namespace RescueTracker.Features.History;

/// <summary>ISO 8601 instants as a query parameter takes them: a date, or a date and time with an optional zone (UTC if none).</summary>
public static class Instant
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mmK",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
