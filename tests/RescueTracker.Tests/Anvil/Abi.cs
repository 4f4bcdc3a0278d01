using System.Numerics;
using System.Text;

namespace RescueTracker.Tests.Anvil;

/// <summary>One ABI argument; only the types the test contracts and the published ones they drive take.</summary>
public abstract record AbiArg
{
    internal abstract bool IsDynamic { get; }
    internal abstract byte[] Encode();

    public static AbiArg Address(string address) => new AbiAddress(address);
    public static AbiArg Uint(BigInteger value) => new AbiUint256(value);
    public static AbiArg String(string value) => new AbiString(value);
    public static AbiArg Bytes(string hex) => new AbiBytes(AnvilHex.Bytes(hex));
    public static AbiArg Addresses(params string[] addresses) => new AbiAddressArray(addresses);
}

public sealed record AbiAddress(string Value) : AbiArg
{
    internal override bool IsDynamic => false;
    internal override byte[] Encode()
    {
        var bytes = AnvilHex.Bytes(Value);
        if (bytes.Length != 20) throw new ArgumentException($"An address has 20 bytes: '{Value}'.");
        var word = new byte[32];
        bytes.CopyTo(word, 12);
        return word;
    }
}

public sealed record AbiUint256(BigInteger Value) : AbiArg
{
    internal override bool IsDynamic => false;
    internal override byte[] Encode() => Abi.Word(Value);
}

public sealed record AbiString(string Value) : AbiArg
{
    internal override bool IsDynamic => true;
    internal override byte[] Encode() => Abi.LengthPrefixed(Encoding.UTF8.GetBytes(Value));
}

public sealed record AbiBytes(byte[] Value) : AbiArg
{
    internal override bool IsDynamic => true;
    internal override byte[] Encode() => Abi.LengthPrefixed(Value);
}

/// <summary>address[]: the length, then one word per address.</summary>
public sealed record AbiAddressArray(IReadOnlyList<string> Values) : AbiArg
{
    internal override bool IsDynamic => true;
    internal override byte[] Encode() =>
        [.. Abi.Word(Values.Count), .. Values.SelectMany(v => new AbiAddress(v).Encode())];
}

/// <summary>The Solidity ABI encoding of call data and the decoding of simple return values.</summary>
public static class Abi
{
    /// <summary>Head/tail encoding: static values in place, dynamic ones by offset into the tail.</summary>
    public static string Encode(params AbiArg[] args)
    {
        var head = new List<byte>();
        var tail = new List<byte>();
        foreach (var arg in args)
        {
            if (arg.IsDynamic)
            {
                head.AddRange(Word(32 * args.Length + tail.Count));
                tail.AddRange(arg.Encode());
            }
            else
            {
                head.AddRange(arg.Encode());
            }
        }
        return Convert.ToHexStringLower([.. head, .. tail]);
    }

    public static BigInteger DecodeUint(string hex)
    {
        var bytes = AnvilHex.Bytes(hex);
        if (bytes.Length < 32) throw new FormatException($"Expected a 32-byte word, got '{hex}'.");
        return new BigInteger(bytes.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
    }

    public static string DecodeString(string hex)
    {
        var bytes = AnvilHex.Bytes(hex);
        var offset = (int)new BigInteger(bytes.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var length = (int)new BigInteger(bytes.AsSpan(offset, 32), isUnsigned: true, isBigEndian: true);
        return Encoding.UTF8.GetString(bytes, offset + 32, length);
    }

    /// <summary>A topic or word holding an address, as eth_getLogs returns indexed addresses.</summary>
    public static string AddressTopic(string address) => "0x" + Encode(AbiArg.Address(address));

    internal static byte[] LengthPrefixed(byte[] bytes)
    {
        var padded = new byte[(bytes.Length + 31) / 32 * 32];
        bytes.CopyTo(padded, 0);
        return [.. Word(bytes.Length), .. padded];
    }

    internal static byte[] Word(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "uint256 is unsigned.");
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 32) throw new ArgumentOutOfRangeException(nameof(value), value, "Does not fit in uint256.");
        var word = new byte[32];
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }
}
