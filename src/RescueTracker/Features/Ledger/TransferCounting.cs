using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// The one rule for when money received counts toward a pledge: the transfer is confirmed (past the chain's
/// confirmation depth; pending transfers are shown but count nowhere), attributed to that pledge, and in the
/// pledge's own asset (stETH sent against an ETH pledge is delivered value, but unattributed). The figures, the
/// delivered/undelivered status and the pledge page all use it.
/// </summary>
public static class TransferCounting
{
    public static bool CountsToward(this Transfer transfer, Pledge pledge) =>
        transfer.Confirmed && transfer.PledgeId == pledge.Id && transfer.AssetId == pledge.AssetId;
}
