namespace RescueTracker.Tests.Infrastructure;

/// <summary>Files of the repository itself, found from the test binaries upwards.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The seed file as committed, not a copy that a stale build may have left in bin/.</summary>
    public static string ShippedSeed => Path.Combine(Root, "seed", "defi-united.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RescueTracker.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No RescueTracker.sln above {AppContext.BaseDirectory}.");
    }
}
