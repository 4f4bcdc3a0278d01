namespace RescueTracker.Chain.Tests;

internal static class TestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", name));
}
