using System.Data.Common;
using Npgsql;
using RescueTracker.Data;

namespace RescueTracker.Tests.Infrastructure.PostgreSql;

/// <summary>A fresh database on the test process's <see cref="PostgreSqlServer"/>; dropped on dispose.</summary>
public sealed class TempPostgreSqlDatabase : TestDatabase
{
    private readonly PostgreSqlServer _server;

    private TempPostgreSqlDatabase(PostgreSqlServer server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    public static TempPostgreSqlDatabase OnSharedServer()
    {
        // Test hosts and fixtures are built synchronously; the server starts once per process.
        var server = PostgreSqlServer.SharedAsync().GetAwaiter().GetResult();
        return new TempPostgreSqlDatabase(server, server.CreateDatabaseAsync().GetAwaiter().GetResult());
    }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString { get; }

    public override DbConnection OpenConnection() => new NpgsqlConnection(ConnectionString);

    public override async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names.Order(StringComparer.Ordinal).ToList();
    }

    public override void Dispose() => _server.DropDatabaseAsync(ConnectionString).GetAwaiter().GetResult();
}
