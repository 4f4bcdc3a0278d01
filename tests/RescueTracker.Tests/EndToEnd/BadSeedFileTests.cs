using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace RescueTracker.Tests.EndToEnd;

[Collection(PublishedAppCollection.Name)]
public sealed class BadSeedFileTests(PublishedApp published)
{
    [Fact]
    public async Task Published_app_refuses_a_seed_file_with_a_negative_amount_and_writes_no_rescue()
    {
        var database = published.NewDatabasePath();
        var seedFile = Path.Combine(Path.GetDirectoryName(database)!, "negative-amount.json");
        Directory.CreateDirectory(Path.GetDirectoryName(seedFile)!);
        var seed = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Combine("seed", "defi-united.json")))!;
        seed["pledges"]![0]!["amount"] = "-2500";
        await File.WriteAllTextAsync(seedFile, seed.ToJsonString());

        await using var app = published.Launch(database, new Dictionary<string, string> { ["Seed__Path"] = seedFile });
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode != 0, $"The app exited with 0 on a bad seed file:\n{app.Output}");
        Assert.True(app.Stderr.Contains(seedFile) && app.Stderr.Contains("$.pledges[0].amount"),
            $"stderr should name {seedFile} and $.pledges[0].amount:\n{app.Output}");
        Assert.Equal(0, RescueCount(database));
    }

    /// <summary>Rescues in the file; a database the app never got to create holds none.</summary>
    private static long RescueCount(string database)
    {
        if (!File.Exists(database)) return 0;
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'Rescues'";
        if ((long)command.ExecuteScalar()! == 0) return 0;
        command.CommandText = "SELECT COUNT(*) FROM Rescues";
        return (long)command.ExecuteScalar()!;
    }
}
