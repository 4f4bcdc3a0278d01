using System.Buffers.Binary;
using System.Numerics;

namespace RescueTracker.Chain;

/// <summary>
/// Keccak-256 as Ethereum uses it: the original Keccak submission's padding (0x01), which is
/// why the standard library's SHA3-256 (padding 0x06) gives different hashes and cannot be used.
/// </summary>
public static class Keccak256
{
    public const int HashSize = 32;

    // 1600-bit state minus twice the 256-bit capacity.
    private const int Rate = 136;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
        0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
        0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    // Rho rotations and Pi lane order, walked together along the Pi permutation's single cycle.
    private static ReadOnlySpan<int> Rotations => [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
    private static ReadOnlySpan<int> PiLanes => [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    public static byte[] Hash(ReadOnlySpan<byte> input)
    {
        var output = new byte[HashSize];
        Hash(input, output);
        return output;
    }

    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, HashSize, nameof(output));
        Span<ulong> state = stackalloc ulong[25];
        state.Clear();

        while (input.Length >= Rate)
        {
            Absorb(state, input[..Rate]);
            Permute(state);
            input = input[Rate..];
        }

        // An input that fills the rate exactly still gets a whole block of padding.
        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        input.CopyTo(last);
        last[input.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        Absorb(state, last);
        Permute(state);

        for (var i = 0; i < HashSize / 8; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(i * 8, 8), state[i]);
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < Rate / 8; i++)
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(i * 8, 8));
    }

    private static void Permute(Span<ulong> s)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            // Theta
            for (var x = 0; x < 5; x++)
                c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5) s[y + x] ^= d;
            }

            // Rho and Pi
            var carried = s[1];
            for (var i = 0; i < 24; i++)
            {
                var lane = PiLanes[i];
                var next = s[lane];
                s[lane] = BitOperations.RotateLeft(carried, Rotations[i]);
                carried = next;
            }

            // Chi
            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++) c[x] = s[y + x];
                for (var x = 0; x < 5; x++) s[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
            }

            // Iota
            s[0] ^= RoundConstants[round];
        }
    }
}
