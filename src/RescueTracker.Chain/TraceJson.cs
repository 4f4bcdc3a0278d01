using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RescueTracker.Chain;

/// <summary>
/// Field readers for trace replies, which Nethereum hands over as <see cref="JToken"/>s (there is
/// no trace model in Nethereum.Web3). Each failure names the field.
/// </summary>
internal static class TraceJson
{
    public static JToken Required(JToken obj, string name) =>
        Optional(obj, name) ?? throw new RpcFormatException(obj is JObject
            ? $"field '{name}' is missing"
            : $"expected an object holding '{name}', got {obj.Type}");

    public static JToken? Optional(JToken obj, string name) =>
        obj is JObject o && o.TryGetValue(name, out var value) && value.Type != JTokenType.Null ? value : null;

    public static JArray Array(JToken obj, string name) =>
        Required(obj, name) as JArray ?? throw new RpcFormatException($"field '{name}' should be an array");

    public static string String(JToken obj, string name) => ToText(Required(obj, name), name);

    public static string? OptionalString(JToken obj, string name) => Optional(obj, name) is { } value ? ToText(value, name) : null;

    public static long Int64(JToken obj, string name) => ToInt64(Required(obj, name), name);

    public static long? OptionalInt64(JToken obj, string name) => Optional(obj, name) is { } value ? ToInt64(value, name) : null;

    public static BigInteger? OptionalBigInteger(JToken obj, string name) =>
        Optional(obj, name) is { } value
            ? value.Type == JTokenType.String && HexQuantity.TryParse(value.Value<string>(), out BigInteger n)
                ? n
                : throw new RpcFormatException($"field '{name}' is not a quantity: {Raw(value)}")
            : null;

    public static Hash32 Hash(JToken obj, string name) =>
        OptionalHash(obj, name) ?? throw new RpcFormatException($"field '{name}' is missing");

    public static Hash32? OptionalHash(JToken obj, string name) =>
        Optional(obj, name) is { } value
            ? Hash32.TryParse(value.Type == JTokenType.String ? value.Value<string>() : null, out var hash, out var error)
                ? hash
                : throw new RpcFormatException($"field '{name}': {error}")
            : null;

    public static EthAddress Address(JToken obj, string name) =>
        OptionalAddress(obj, name) ?? throw new RpcFormatException($"field '{name}' is missing");

    public static EthAddress? OptionalAddress(JToken obj, string name)
    {
        if (Optional(obj, name) is not { } value) return null;
        // Nodes send lowercase, but a proxy that checksums addresses must not break ingestion.
        var text = value.Type == JTokenType.String ? value.Value<string>()?.ToLowerInvariant() : null;
        return EthAddress.TryParse(text, out var address, out var error) ? address : throw new RpcFormatException($"field '{name}': {error}");
    }

    private static string ToText(JToken value, string name) =>
        value.Type == JTokenType.String ? value.Value<string>()! : throw new RpcFormatException($"field '{name}' should be a string, got {value.Type}");

    // Parity-format traces carry some quantities as plain JSON numbers (blockNumber,
    // transactionPosition), so both forms are read.
    private static long ToInt64(JToken value, string name) => value.Type switch
    {
        JTokenType.Integer when value is JValue { Value: long n } && n >= 0 => n,
        JTokenType.String when HexQuantity.TryParse(value.Value<string>(), out long n) => n,
        _ => throw new RpcFormatException($"field '{name}' is not a 64-bit quantity: {Raw(value)}"),
    };

    private static string Raw(JToken value) => value.ToString(Formatting.None);
}
