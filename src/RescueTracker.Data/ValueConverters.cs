using System.Globalization;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RescueTracker.Chain;

namespace RescueTracker.Data;

/// <summary>
/// Base-unit amounts exceed every built-in numeric type (2^256 wei), so SQLite keeps them as
/// canonical decimal TEXT. Sums are done in C#, never in SQL on text.
/// </summary>
public sealed class BigIntegerToTextConverter() : ValueConverter<BigInteger, string>(
    value => value.ToString(CultureInfo.InvariantCulture),
    text => BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));

/// <summary>Enums are stored by their lower-case name, the same text the seed file and the API use.</summary>
public sealed class LowerCaseEnumConverter<T>() : ValueConverter<T, string>(
    value => value.ToText(),
    text => Enum.Parse<T>(text, true)) where T : struct, Enum;

/// <summary>ETH-eq figures, kept as their exact decimal text ("68900", "0.98"), as the API writes them.</summary>
public sealed class ExactDecimalToTextConverter() : ValueConverter<ExactDecimal, string>(
    value => value.ToString(),
    text => ExactDecimal.Parse(text));

/// <summary>
/// An instant stored as UTC date-time text, which SQLite orders and compares correctly as text
/// (a DateTimeOffset column it can neither order nor compare in SQL).
/// </summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTime>(
    value => value.UtcDateTime,
    stored => new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc)));
