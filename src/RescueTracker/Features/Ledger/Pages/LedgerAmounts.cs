using System.Numerics;
using RescueTracker.Chain;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>Amounts on the ledger pages are shown exact, with thousands separators: editors copy them.</summary>
internal static class LedgerAmounts
{
    public static string Exact(BigInteger baseUnits, int decimals) =>
        ExactDecimal.FromBaseUnits(baseUnits, decimals).Format(groupThousands: true, maxFractionDigits: null);
}
