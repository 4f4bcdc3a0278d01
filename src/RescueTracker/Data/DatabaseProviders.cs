namespace RescueTracker.Data;

/// <summary>The database engines the app runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app (WAL): the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several instances can share.</summary>
    PostgreSql,
}

/// <summary>Reads <c>Database:Provider</c>; a value it does not know stops the start with a message naming the setting.</summary>
public static class DatabaseProviders
{
    public const string SettingName = "Database:Provider";

    public static DatabaseProvider FromConfiguration(IConfiguration configuration) =>
        Parse(configuration[SettingName]);

    public static DatabaseProvider Parse(string? value) => value?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var v when v.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var v when v.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSql,
        _ => throw new InvalidOperationException($"{SettingName} is '{value}': use Sqlite (the default) or PostgreSQL."),
    };
}
