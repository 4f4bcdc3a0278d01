namespace RescueTracker.Features.Seed;

/// <summary><c>Seed:Path</c> (environment <c>Seed__Path</c>): the file loaded into an empty database.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Defaults to the DeFi United snapshot shipped beside the app.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "seed", "defi-united.json");
}
