using System.Globalization;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
