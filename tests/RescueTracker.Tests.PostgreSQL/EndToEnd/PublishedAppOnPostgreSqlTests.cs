using System.Net;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure.PostgreSql;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// The published app on a fresh PostgreSQL database, started as production starts it (Database__Provider and the
/// connection string from the environment): it migrates, seeds and serves the same summary, byte for byte, as the
/// same build on SQLite.
/// </summary>
[Collection(PublishedAppCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PublishedAppOnPostgreSqlTests(PublishedApp published)
{
    [Fact]
    public async Task Published_app_on_a_fresh_PostgreSQL_database_serves_the_summary_it_serves_on_SQLite_byte_for_byte()
    {
        var server = await PostgreSqlServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var sqliteFile = published.NewDatabasePath();
        var onPostgreSql = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__RescueTracker"] = connectionString,
        };
        try
        {
            // First starts: each migrates and seeds its empty database.
            foreach (var settings in new[] { onPostgreSql, null })
            {
                await using var app = await published.StartAsync(sqliteFile, settings);
                using var response = await app.Client.GetAsync("/api/summary");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}\n{app.Process.Output}");
            }

            // The seed stamps the rescue with the clock of its start; give both one instant, then start them again.
            var at = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
            foreach (var (provider, database) in new[] { (DatabaseProvider.PostgreSql, connectionString), (DatabaseProvider.Sqlite, $"Data Source={sqliteFile};Pooling=False") })
            {
                var options = new DbContextOptionsBuilder<RescueDbContext>();
                options.UseRescueDatabase(provider, database);
                await using var db = new RescueDbContext(options.Options);
                Assert.Equal(1, await db.Rescues.ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, at)));
            }

            string onPg, onSqlite;
            await using (var app = await published.StartAsync(sqliteFile, onPostgreSql)) onPg = await app.Client.GetStringAsync("/api/summary");
            await using (var app = await published.StartAsync(sqliteFile)) onSqlite = await app.Client.GetStringAsync("/api/summary");

            Assert.Equal(onSqlite, onPg);
            Assert.Contains("\"shortfallEth\":\"68900\"", onPg);
            Assert.Contains("\"asOf\":\"2026-12-02T12:00:00Z\"", onPg);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
