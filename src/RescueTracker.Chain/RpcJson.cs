using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// Field readers for node replies. Each failure names the field, so a malformed reply can
/// be reported as "field 'blockNumber': ..." instead of a bare cast error.
/// </summary>
internal static class RpcJson
{
    public static JsonElement Required(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw new RpcFormatException($"expected an object holding '{name}', got {obj.ValueKind}");
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            throw new RpcFormatException($"field '{name}' is missing");
        return value;
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static long Int64(JsonElement obj, string name) => ToInt64(Required(obj, name), name);

    public static long? OptionalInt64(JsonElement obj, string name) =>
        Optional(obj, name) is { } value ? ToInt64(value, name) : null;

    public static BigInteger BigInteger(JsonElement obj, string name) => ToBigInteger(Required(obj, name), name);

    public static BigInteger? OptionalBigInteger(JsonElement obj, string name) =>
        Optional(obj, name) is { } value ? ToBigInteger(value, name) : null;

    public static EthAddress Address(JsonElement obj, string name) => ToAddress(Required(obj, name), name);

    public static EthAddress? OptionalAddress(JsonElement obj, string name) =>
        Optional(obj, name) is { } value ? ToAddress(value, name) : null;

    public static Hash32 Hash(JsonElement obj, string name) => ToHash(Required(obj, name), name);

    public static TxHash TxHash(JsonElement obj, string name) => new(Hash(obj, name));

    public static TxHash? OptionalTxHash(JsonElement obj, string name) =>
        Optional(obj, name) is { } value ? new TxHash(ToHash(value, name)) : null;

    public static byte[] Data(JsonElement obj, string name)
    {
        var text = String(obj, name);
        return HexData.TryParse(text, out var bytes, out var error) ? bytes : throw new RpcFormatException($"field '{name}': {error}");
    }

    public static string String(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new RpcFormatException($"field '{name}' should be a string, got {value.ValueKind}");
    }

    public static string? OptionalString(JsonElement obj, string name) =>
        Optional(obj, name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new RpcFormatException($"field '{name}' should be a string, got {value.ValueKind}")
            : null;

    public static bool OptionalBool(JsonElement obj, string name) =>
        Optional(obj, name) switch
        {
            null => false,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            var other => throw new RpcFormatException($"field '{name}' should be true or false, got {other.Value.ValueKind}"),
        };

    public static JsonElement Array(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        return value.ValueKind == JsonValueKind.Array ? value : throw new RpcFormatException($"field '{name}' should be an array, got {value.ValueKind}");
    }

    public static Hash32 ToHash(JsonElement value, string name)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return Hash32.TryParse(text, out var hash, out var error) ? hash : throw new RpcFormatException($"field '{name}': {error}");
    }

    private static EthAddress ToAddress(JsonElement value, string name)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        // Nodes send lowercase, but a proxy that checksums addresses must not break ingestion.
        return EthAddress.TryParse(text?.ToLowerInvariant(), out var address, out var error)
            ? address
            : throw new RpcFormatException($"field '{name}': {error}");
    }

    // trace_filter replies carry some quantities as plain JSON numbers (blockNumber,
    // transactionPosition), so both forms are read.
    private static long ToInt64(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) && n >= 0 => n,
        JsonValueKind.String when HexQuantity.TryParse(value.GetString(), out long n) => n,
        _ => throw new RpcFormatException($"field '{name}' is not a 64-bit quantity: {value.GetRawText()}"),
    };

    private static BigInteger ToBigInteger(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) && n >= 0 => n,
        JsonValueKind.String when HexQuantity.TryParse(value.GetString(), out BigInteger n) => n,
        _ => throw new RpcFormatException($"field '{name}' is not a quantity: {value.GetRawText()}"),
    };
}

/// <summary>Raised while reading a reply; the client wraps it with the method and the body.</summary>
internal sealed class RpcFormatException(string message) : Exception(message);
