using System.Globalization;
using System.Numerics;
using System.Text;

namespace RescueTracker.Chain;

/// <summary>
/// An exact decimal number: <c>Mantissa × 10^-Scale</c>. Money never passes through
/// <see cref="double"/> or <see cref="decimal"/>: base units times a decimal rate stay exact,
/// and sums of values with different scales line up without rounding.
/// </summary>
public readonly struct ExactDecimal : IEquatable<ExactDecimal>, IComparable<ExactDecimal>
{
    public BigInteger Mantissa { get; }
    public int Scale { get; }

    public ExactDecimal(BigInteger mantissa, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        // Normalised form (no trailing zeros) makes equality structural and text canonical.
        while (scale > 0 && !mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        Mantissa = mantissa;
        Scale = mantissa.IsZero ? 0 : scale;
    }

    public static ExactDecimal Zero => default;
    public bool IsZero => Mantissa.IsZero;
    public int Sign => Mantissa.Sign;

    public static implicit operator ExactDecimal(BigInteger value) => new(value, 0);
    public static implicit operator ExactDecimal(long value) => new(value, 0);

    /// <summary>A value of base units of a token with <paramref name="decimals"/> decimals, in token units.</summary>
    public static ExactDecimal FromBaseUnits(BigInteger baseUnits, int decimals) => new(baseUnits, decimals);

    /// <summary>
    /// This value in base units of a token with <paramref name="decimals"/> decimals, or null
    /// when it has more fractional digits than the token can hold.
    /// </summary>
    public BigInteger? ToBaseUnits(int decimals) =>
        Scale > decimals ? null : Mantissa * BigInteger.Pow(10, decimals - Scale);

    /// <summary>
    /// Parses a plain decimal string: optional leading minus, digits, optional fraction.
    /// No exponent, no separators, no sign '+', no surrounding whitespace.
    /// </summary>
    public static bool TryParse(string? text, out ExactDecimal value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length > 200) return false;
        var negative = text[0] == '-';
        var body = negative ? text.AsSpan(1) : text.AsSpan();
        var dot = body.IndexOf('.');
        var whole = dot < 0 ? body : body[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : body[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty)) return false;
        foreach (var c in whole) if (!char.IsAsciiDigit(c)) return false;
        foreach (var c in fraction) if (!char.IsAsciiDigit(c)) return false;
        var digits = string.Concat(whole, fraction);
        var mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        value = new ExactDecimal(negative ? -mantissa : mantissa, fraction.Length);
        return true;
    }

    public static ExactDecimal Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a plain decimal number.");

    public static ExactDecimal operator +(ExactDecimal a, ExactDecimal b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return new(a.Rescale(scale) + b.Rescale(scale), scale);
    }

    public static ExactDecimal operator -(ExactDecimal a, ExactDecimal b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return new(a.Rescale(scale) - b.Rescale(scale), scale);
    }

    public static ExactDecimal operator -(ExactDecimal a) => new(-a.Mantissa, a.Scale);
    public static ExactDecimal operator *(ExactDecimal a, ExactDecimal b) => new(a.Mantissa * b.Mantissa, a.Scale + b.Scale);

    public static ExactDecimal Max(ExactDecimal a, ExactDecimal b) => a >= b ? a : b;
    public static ExactDecimal Min(ExactDecimal a, ExactDecimal b) => a <= b ? a : b;

    public static ExactDecimal Sum(IEnumerable<ExactDecimal> values) => values.Aggregate(Zero, (sum, v) => sum + v);

    private BigInteger Rescale(int scale) => Mantissa * BigInteger.Pow(10, scale - Scale);

    public int CompareTo(ExactDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return Rescale(scale).CompareTo(other.Rescale(scale));
    }

    public bool Equals(ExactDecimal other) => Mantissa == other.Mantissa && Scale == other.Scale;
    public override bool Equals(object? obj) => obj is ExactDecimal other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Mantissa, Scale);

    public static bool operator ==(ExactDecimal a, ExactDecimal b) => a.Equals(b);
    public static bool operator !=(ExactDecimal a, ExactDecimal b) => !a.Equals(b);
    public static bool operator <(ExactDecimal a, ExactDecimal b) => a.CompareTo(b) < 0;
    public static bool operator >(ExactDecimal a, ExactDecimal b) => a.CompareTo(b) > 0;
    public static bool operator <=(ExactDecimal a, ExactDecimal b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ExactDecimal a, ExactDecimal b) => a.CompareTo(b) >= 0;

    /// <summary>The exact value as a plain decimal string, such as "2500", "0.98" or "-1.5".</summary>
    public override string ToString() => Format(groupThousands: false, maxFractionDigits: null);

    /// <summary>
    /// For people: comma thousands separators whatever the culture, fraction cut (not rounded
    /// up) to <paramref name="maxFractionDigits"/> when given, with a leading "≈" omitted by design:
    /// callers that truncate say so themselves.
    /// </summary>
    public string Format(bool groupThousands, int? maxFractionDigits)
    {
        var abs = BigInteger.Abs(Mantissa);
        var digits = abs.ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var whole = digits[..^Scale];
        var fraction = Scale == 0 ? "" : digits[^Scale..];
        if (maxFractionDigits is { } max && fraction.Length > max) fraction = fraction[..max].TrimEnd('0');
        var sb = new StringBuilder();
        if (Mantissa.Sign < 0 && (whole != "0" || fraction.Length > 0)) sb.Append('-');
        if (groupThousands)
        {
            for (var i = 0; i < whole.Length; i++)
            {
                if (i > 0 && (whole.Length - i) % 3 == 0) sb.Append(',');
                sb.Append(whole[i]);
            }
        }
        else
        {
            sb.Append(whole);
        }
        if (fraction.Length > 0) sb.Append('.').Append(fraction);
        return sb.ToString();
    }

    /// <summary>Thousands separators, at most four decimals: "68,900", "2,499.9999".</summary>
    public string ToDisplay() => Format(groupThousands: true, maxFractionDigits: 4);
}
