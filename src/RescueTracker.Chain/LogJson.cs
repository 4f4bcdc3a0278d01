using System.Buffers;
using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// Decodes one eth_getLogs log object, already wholly in memory, straight from its UTF-8 JSON.
/// Every field is checked (a malformed field is an error even in a log that is not a transfer), and
/// a log is a transfer only in exactly the ERC-20 shape: three topics (the Transfer topic and two
/// padded addresses) and one word of data. ERC-721 emits the same topic 0 with the token id as a
/// fourth topic, and some old tokens index nothing; those are left out rather than read as amounts.
/// </summary>
internal static class LogJson
{
    private const int AddressField = 1, TopicsField = 2, DataField = 4, BlockNumberField = 8, BlockHashField = 16,
        TxHashField = 32, TxIndexField = 64, LogIndexField = 128, RemovedField = 256;
    private const int Required = AddressField | TopicsField | DataField | BlockNumberField | BlockHashField | TxHashField | LogIndexField;

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>True for an ERC-20 Transfer; false for any other well-formed log.</summary>
    /// <exception cref="RpcFormatException">A field is missing, repeated or of the wrong shape.</exception>
    public static bool TryDecodeTransfer(ReadOnlySpan<byte> json, out Erc20Transfer? transfer)
    {
        transfer = null;
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new RpcFormatException($"a log should be an object, got {reader.TokenType}");

        Span<byte> topic1 = stackalloc byte[Hash32.Size], topic2 = stackalloc byte[Hash32.Size], amount = stackalloc byte[Hash32.Size],
            addressBytes = stackalloc byte[EthAddress.Size];
        Hash32 topic0 = default, blockHash = default, txHash = default;
        EthAddress address = default;
        long blockNumber = 0, logIndex = 0;
        int topicCount = 0, dataLength = 0, seen = 0;
        var removed = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            reader.Read();
            if (field != 0)
            {
                if ((seen & field) != 0) throw new RpcFormatException($"field '{Name(field)}' appears twice");
                seen |= field;
            }
            if (reader.TokenType == JsonTokenType.Null)
            {
                // A null is a missing field, as for every other reply.
                seen &= ~field;
                continue;
            }
            switch (field)
            {
                case AddressField:
                    Hex(ref reader, "address", addressBytes);
                    address = new EthAddress(addressBytes);
                    break;
                case TopicsField:
                    topicCount = Topics(ref reader, ref topic0, topic1, topic2);
                    break;
                case DataField:
                    dataLength = Data(ref reader, amount);
                    break;
                case BlockNumberField:
                    blockNumber = Quantity(ref reader, "blockNumber");
                    break;
                case BlockHashField:
                    blockHash = Hash(ref reader, "blockHash");
                    break;
                case TxHashField:
                    txHash = Hash(ref reader, "transactionHash");
                    break;
                case TxIndexField:
                    RpcFormatException.ToInt32(Quantity(ref reader, "transactionIndex"), "transactionIndex");
                    break;
                case LogIndexField:
                    logIndex = RpcFormatException.ToInt32(Quantity(ref reader, "logIndex"), "logIndex");
                    break;
                case RemovedField:
                    removed = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        var other => throw new RpcFormatException($"field 'removed' should be true or false, got {other}"),
                    };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if ((seen & Required) != Required)
            throw new RpcFormatException($"field '{Name(Required & ~seen & -(Required & ~seen))}' is missing");

        if (topicCount != 3 || topic0 != Erc20Transfer.TransferTopic || dataLength != Hash32.Size) return false;
        if (!EthAddress.TryFromWord(topic1, out var from) || !EthAddress.TryFromWord(topic2, out var to)) return false;
        transfer = new Erc20Transfer(address, from, to, new BigInteger(amount, isUnsigned: true, isBigEndian: true),
            blockNumber, blockHash, new TxHash(txHash), (int)logIndex, removed);
        return true;
    }

    private static int Field(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped) return Field(reader.GetString()!);
        var name = reader.ValueSpan;
        return name switch
        {
            _ when name.SequenceEqual("address"u8) => AddressField,
            _ when name.SequenceEqual("topics"u8) => TopicsField,
            _ when name.SequenceEqual("data"u8) => DataField,
            _ when name.SequenceEqual("blockNumber"u8) => BlockNumberField,
            _ when name.SequenceEqual("blockHash"u8) => BlockHashField,
            _ when name.SequenceEqual("transactionHash"u8) => TxHashField,
            _ when name.SequenceEqual("transactionIndex"u8) => TxIndexField,
            _ when name.SequenceEqual("logIndex"u8) => LogIndexField,
            _ when name.SequenceEqual("removed"u8) => RemovedField,
            _ => 0,
        };
    }

    private static int Field(string name) => name switch
    {
        "address" => AddressField, "topics" => TopicsField, "data" => DataField, "blockNumber" => BlockNumberField,
        "blockHash" => BlockHashField, "transactionHash" => TxHashField, "transactionIndex" => TxIndexField,
        "logIndex" => LogIndexField, "removed" => RemovedField, _ => 0,
    };

    private static string Name(int field) => field switch
    {
        AddressField => "address", TopicsField => "topics", DataField => "data", BlockNumberField => "blockNumber",
        BlockHashField => "blockHash", TxHashField => "transactionHash", TxIndexField => "transactionIndex",
        LogIndexField => "logIndex", _ => "removed",
    };

    private static int Topics(ref Utf8JsonReader reader, ref Hash32 topic0, scoped Span<byte> topic1, scoped Span<byte> topic2)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new RpcFormatException($"field 'topics' should be an array, got {reader.TokenType}");
        var count = 0;
        Span<byte> word = stackalloc byte[Hash32.Size];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Hex(ref reader, "topics", word);
            if (count == 0) topic0 = new Hash32(word);
            else if (count == 1) word.CopyTo(topic1);
            else if (count == 2) word.CopyTo(topic2);
            count++;
        }
        return count;
    }

    /// <summary>Checks the whole value and keeps it only when it is one word, the only length a transfer has.</summary>
    private static int Data(ref Utf8JsonReader reader, scoped Span<byte> word)
    {
        byte[]? rented = null;
        try
        {
            var text = Text(ref reader, "data", ref rented);
            if (text.Length < 2 || text[0] != '0' || text[1] != 'x')
                throw new RpcFormatException("field 'data' is not hex data: it must start with 0x");
            var digits = text[2..];
            if (digits.Length % 2 != 0) throw new RpcFormatException("field 'data' is not hex data: it has an odd number of hex digits");
            if (digits.IndexOfAnyExcept(HexDigits) >= 0) throw new RpcFormatException("field 'data' is not hex data: it holds a character that is not a hex digit");
            if (digits.Length == 2 * Hash32.Size) Convert.FromHexString(digits, word, out _, out _);
            return digits.Length / 2;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Hash32 Hash(ref Utf8JsonReader reader, string name)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Size];
        Hex(ref reader, name, bytes);
        return new Hash32(bytes);
    }

    /// <summary>"0x" and exactly twice as many hex digits (either case) as <paramref name="destination"/> has bytes.</summary>
    private static void Hex(ref Utf8JsonReader reader, string name, scoped Span<byte> destination)
    {
        byte[]? rented = null;
        try
        {
            var text = Text(ref reader, name, ref rented);
            if (text.Length != 2 + 2 * destination.Length || text[0] != '0' || text[1] != 'x'
                || Convert.FromHexString(text[2..], destination, out _, out var written) != OperationStatus.Done || written != destination.Length)
                throw new RpcFormatException($"field '{name}' is not 0x followed by {2 * destination.Length} hex digits");
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A QUANTITY as HexQuantity reads it (leading zeros and upper case allowed), or a plain non-negative JSON integer.</summary>
    private static long Quantity(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var number) && number >= 0
                ? number
                : throw new RpcFormatException($"field '{name}' is not a 64-bit quantity");
        }
        byte[]? rented = null;
        try
        {
            var text = Text(ref reader, name, ref rented);
            if (text.Length < 3 || text[0] != '0' || text[1] != 'x' || text[2..].IndexOfAnyExcept(HexDigits) >= 0)
                throw new RpcFormatException($"field '{name}' is not a 64-bit quantity");
            var digits = text[2..];
            var significant = digits.IndexOfAnyExcept((byte)'0');
            digits = significant < 0 ? [] : digits[significant..];
            if (digits.Length > 16 || (digits.Length == 16 && digits[0] > '7'))
                throw new RpcFormatException($"field '{name}' is not a 64-bit quantity: it has {digits.Length} significant hex digits");
            long value = 0;
            foreach (var c in digits) value = (value << 4) | Nibble(c);
            return value;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static long Nibble(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>The string's UTF-8 bytes, unescaped if the reply escaped them.</summary>
    private static ReadOnlySpan<byte> Text(ref Utf8JsonReader reader, string name, ref byte[]? rented)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new RpcFormatException($"field '{name}' should be a string, got {reader.TokenType}");
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        var length = reader.CopyString(rented);
        return rented.AsSpan(0, length);
    }
}
