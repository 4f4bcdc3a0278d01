using System.Numerics;

namespace RescueTracker.Tests.Features.Reconciliation;

internal static class Wei
{
    public static readonly BigInteger OneEth = BigInteger.Pow(10, 18);

    public static BigInteger Eth(int whole) => OneEth * whole;

    /// <summary>Tenths, for amounts like 1.5 ETH without floating point.</summary>
    public static BigInteger Tenths(int tenths) => OneEth / 10 * tenths;
}
