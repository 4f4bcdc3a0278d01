using System.Globalization;
using System.Numerics;
using RescueTracker.Chain;

namespace RescueTracker.Components.Charts;

/// <summary>
/// Text for people, identical whatever the server's culture: amounts with comma thousands
/// separators and their asset symbol, times in ISO 8601 UTC.
/// </summary>
public static class Display
{
    private const int MaxFractionDigits = 4;

    /// <summary>"2,500 stETH"; a value with more than four decimals is cut and marked "≈" so it never looks exact.</summary>
    public static string Amount(ExactDecimal value, string? asset)
    {
        var text = value.Format(groupThousands: true, maxFractionDigits: MaxFractionDigits);
        if (value.Scale > MaxFractionDigits) text = "≈ " + text;
        return string.IsNullOrEmpty(asset) ? text : $"{text} {asset}";
    }

    public static string Eth(ExactDecimal value) => Amount(value, "ETH");

    /// <summary>Every digit, thousands separated: "68,900 ETH", "1,000.5 stETH"; where a figure must be exact, not short.</summary>
    public static string Exact(ExactDecimal value, string asset) => $"{value.Format(groupThousands: true, maxFractionDigits: null)} {asset}";

    public static string ExactEth(ExactDecimal value) => Exact(value, "ETH");

    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Links come from admins and seed files; only absolute http(s) URLs become hrefs, so a
    /// "javascript:" value can never run in a visitor's browser.
    /// </summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    /// <summary>The host of a source URL, as short link text ("followin.io").</summary>
    public static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    /// <summary>Whole percent of <paramref name="part"/> in <paramref name="whole"/>, rounded down, computed exactly.</summary>
    public static int Percent(ExactDecimal part, ExactDecimal whole)
    {
        if (whole.Sign <= 0 || part.Sign <= 0) return 0;
        var scale = Math.Max(part.Scale, whole.Scale);
        var p = part.Mantissa * BigInteger.Pow(10, scale - part.Scale);
        var w = whole.Mantissa * BigInteger.Pow(10, scale - whole.Scale);
        return (int)BigInteger.Min(p * 100 / w, 100);
    }
}

/// <summary>Drawing only: chart geometry may be approximate; displayed amounts never come from here.</summary>
public static class ChartMath
{
    public static double ToDouble(ExactDecimal value) => (double)value.Mantissa / Math.Pow(10, value.Scale);

    /// <summary>An SVG coordinate in invariant culture ("12.5", never "12,5").</summary>
    public static string Coord(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Splits a label into lines of at most <paramref name="width"/> characters at spaces,
    /// because SVG text does not wrap.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }
}
