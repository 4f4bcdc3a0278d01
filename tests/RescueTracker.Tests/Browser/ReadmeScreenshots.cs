using RescueTracker.Tests.EndToEnd;

namespace RescueTracker.Tests.Browser;

/// <summary>
/// Where the screenshots the README shows are written: artifacts/screenshots/ on every run, and
/// docs/screenshots/ (the tracked copies) only when RESCUETRACKER_SCREENSHOTS=docs asks for a refresh,
/// so a test run leaves the working tree as it found it.
/// </summary>
internal static class ReadmeScreenshots
{
    public static string? Folder =>
        Environment.GetEnvironmentVariable("RESCUETRACKER_SCREENSHOTS") == "docs" ? RepoPaths.Combine("docs", "screenshots") : null;
}
