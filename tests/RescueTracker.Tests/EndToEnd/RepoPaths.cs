namespace RescueTracker.Tests.EndToEnd;

/// <summary>Where the repository and the test build live, found from the test assembly itself.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in (Debug unless asked otherwise).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RescueTracker.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No RescueTracker.sln above {AppContext.BaseDirectory}");
    }
}
