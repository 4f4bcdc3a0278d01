namespace RescueTracker.Tests.Infrastructure;

/// <summary>A seed (or other) file written for one test and deleted afterwards.</summary>
public sealed class TempFile : IDisposable
{
    public string Path { get; }

    public TempFile(string contents, string extension = ".json")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rescuetracker-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, contents);
    }

    public void Dispose() => File.Delete(Path);
}
