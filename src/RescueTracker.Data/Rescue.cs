namespace RescueTracker.Data;

/// <summary>The rescue effort itself; one row per database.</summary>
public class Rescue
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The date of the snapshot the seed describes.</summary>
    public DateOnly SnapshotDate { get; set; }
    public DateTimeOffset SeededAt { get; set; }
    /// <summary>When the ledger last changed (seed, admin edit, ingested block): the figures' asOf.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
