namespace RescueTracker.Data;

/// <summary>
/// Marks the tables the figures are computed from: saving any of them moves the figures' asOf.
/// Scan bookkeeping, accounts and the audit trail are not part of the ledger.
/// </summary>
public interface ILedgerRecord;
