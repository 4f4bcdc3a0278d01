namespace RescueTracker.Tests.Drills;

/// <summary>
/// How big a drill runs. Reduced unless <c>RESCUETRACKER_DRILL_SIZE=full</c>, so the suite CI runs
/// stays quick; <c>RESCUETRACKER_DRILL_SEED</c> replays a run's random choices (timing aside).
/// </summary>
internal static class DrillSize
{
    public const string SizeVariable = "RESCUETRACKER_DRILL_SIZE";
    public const string SeedVariable = "RESCUETRACKER_DRILL_SEED";

    public static bool IsFull { get; } = ReadSize();

    public static string Name => IsFull ? "full" : "reduced";

    public static int Pick(int reduced, int full) => IsFull ? full : reduced;

    /// <summary>The seed to replay, or a fresh one: each run explores other random points, and prints its seed.</summary>
    public static int Seed() =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : Random.Shared.Next();

    // A misspelt size must not quietly run the small drill and report it as the full one.
    private static bool ReadSize() => Environment.GetEnvironmentVariable(SizeVariable) switch
    {
        null or "" or "reduced" => false,
        "full" => true,
        var other => throw new InvalidOperationException($"{SizeVariable} is '{other}'; use 'full' or 'reduced'."),
    };
}
