using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RescueTracker.Data;

/// <summary>
/// <c>PRAGMA synchronous=FULL</c> on every connection the app opens: in WAL mode each commit is then
/// flushed to the disk (fsync of the WAL) before it is acknowledged, so a power cut or an OS crash loses
/// no acknowledged write. The setting lives in the connection, not the file, and its default is the native
/// library's compile-time choice (FULL in the bundled e_sqlite3, NORMAL in some other builds), so it is set
/// here rather than assumed.
/// </summary>
internal sealed class SynchronousFull : DbConnectionInterceptor
{
    public static SynchronousFull Instance { get; } = new();

    private const string Pragma = "PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
