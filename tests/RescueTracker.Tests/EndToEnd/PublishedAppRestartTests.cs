using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RescueTracker.Tests.EndToEnd;

[Collection(PublishedAppCollection.Name)]
public sealed class PublishedAppRestartTests(PublishedApp published)
{
    [Fact]
    public async Task Restarting_the_published_app_on_the_same_database_keeps_everything_and_seeds_nothing_twice()
    {
        var database = published.NewDatabasePath();

        string firstSummary, firstOutput;
        await using (var first = await published.StartAsync(database))
        {
            Assert.Equal(9, await PledgeCountAsync(first));
            firstSummary = await first.Client.GetStringAsync("/api/summary");
            await first.StopAsync();
            firstOutput = first.Process.Output;
        }
        Assert.Contains("Seeded DeFi United (9 pledges", firstOutput);

        await using var second = await published.StartAsync(database);
        Assert.Equal(9, await PledgeCountAsync(second));
        Assert.Equal(firstSummary, await second.Client.GetStringAsync("/api/summary"));
        await second.StopAsync();

        var secondOutput = second.Process.Output;
        Assert.Contains("Database already holds a rescue; seed file not loaded", secondOutput);
        Assert.DoesNotContain("Seeded", secondOutput);
        Assert.Equal((1L, 9L), CountRows(database));
    }

    private static async Task<int> PledgeCountAsync(RunningApp app)
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/api/pledges"));
        return json.RootElement.GetArrayLength();
    }

    private static (long Rescues, long Pledges) CountRows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return (Scalar(connection, "SELECT COUNT(*) FROM Rescues"), Scalar(connection, "SELECT COUNT(*) FROM Pledges"));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
