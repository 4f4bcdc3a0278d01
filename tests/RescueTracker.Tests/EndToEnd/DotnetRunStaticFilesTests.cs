using System.Net;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// The development loop serves the top-level wwwroot/ too: <c>dotnet run</c> reads static files
/// through the build's manifest, not the publish folder, so it is proved separately.
/// </summary>
public sealed class DotnetRunStaticFilesTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rescuetracker-run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Dotnet_run_serves_the_stylesheet_from_the_top_level_wwwroot()
    {
        // --no-build reuses the build this test run already made, in the same configuration.
        await using var app = await RunningApp.StartAsync(RepoPaths.Root,
            new Dictionary<string, string> { ["ConnectionStrings__RescueTracker"] = $"Data Source={Path.Combine(_folder, "run.db")}" },
            "run", "--project", "src/RescueTracker", "-c", RepoPaths.Configuration, "--no-build", "--");

        using var response = await app.Client.GetAsync("/css/site.css");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /css/site.css answered {response.StatusCode}\n{app.Process.Output}");
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(RepoPaths.Combine("wwwroot", "css", "site.css")), body);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { /* A leftover temp folder must not fail the run. */ }
        return Task.CompletedTask;
    }
}
