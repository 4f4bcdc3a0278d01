using System.Text.Json;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting;

/// <summary>The console log as a collector reads it: the app as its own process, its standard output line by line.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task With_LogFormat_json_every_console_line_is_a_json_object_with_its_category_and_message()
    {
        using var files = new AppProcess(TestSeed.Mainnet(), "http://127.0.0.1:9");
        var environment = new Dictionary<string, string>(files.Environment) { ["LogFormat"] = "json" };
        environment.Remove("Chains__1__RpcUrl");
        await using var app = await RunningApp.StartAsync(AppProcess.BuildFolder, environment, "RescueTracker.dll");
        await app.StopAsync();

        var lines = app.Process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }).ToList();
        var listening = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Now listening on: ", StringComparison.Ordinal));
        Assert.Equal(("Microsoft.Hosting.Lifetime", "Information"), (listening.GetProperty("Category").GetString(), listening.GetProperty("LogLevel").GetString()));
        Assert.Equal($"Now listening on: {app.BaseAddress.ToString().TrimEnd('/')}", listening.GetProperty("Message").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", listening.GetProperty("Timestamp").GetString());
        var seeded = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "RescueTracker.Features.Seed.SeedLoader");
        Assert.Equal(files.SeedPath, seeded.GetProperty("State").GetProperty("File").GetString());
    }
}
