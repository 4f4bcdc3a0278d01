using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace RescueTracker.Tests.Infrastructure.PostgreSql;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) for this test process: a temp data directory made
/// by <c>initdb</c>, listening on 127.0.0.1 on a free port with its socket in that directory, started once on first
/// use and shared by every test, each of which gets a database of its own (<see cref="CreateDatabaseAsync"/>).
/// As root, the server runs as the <c>postgres</c> user (<c>initdb</c> refuses root). It is stopped by PID when the
/// test process exits; a watchdog shell beside it stops it and removes its directory if the test process dies
/// without exiting (a SIGKILL). The shared server's durability is off (fsync, synchronous_commit): the data is thrown away.
/// </summary>
public sealed class PostgreSqlServer
{
    /// <summary>Where Debian installs the server; POSTGRES_BIN overrides it.</summary>
    public static string BinDirectory => Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } bin ? bin : FindDebianBin();

    private const string Superuser = "postgres";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgreSqlServer? shared;

    private readonly Process _watchdog;
    private readonly string _directory;

    private PostgreSqlServer(Process watchdog, string directory, int port, int pid)
    {
        _watchdog = watchdog;
        _directory = directory;
        Port = port;
        Pid = pid;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public int Port { get; }

    /// <summary>The postmaster's process id.</summary>
    public int Pid { get; }

    /// <summary>The maintenance database, from which test databases are made and dropped.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database }.ToString();

    /// <summary>The server of this test process, started on first use.</summary>
    public static async Task<PostgreSqlServer> SharedAsync()
    {
        if (shared is { } running) return running;
        await Gate.WaitAsync();
        try
        {
            return shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A connection string to a new, empty database on the running server (for a test app, or for two app processes
    /// sharing one database). Drop it with <see cref="DropDatabaseAsync"/>.
    /// </summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"rescuetracker_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // The app's pooled connections to it would otherwise stay open, and so the database.
        using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static Task<PostgreSqlServer> StartAsync() => StartAsync(durable: false);

    /// <summary>
    /// A server of its own, stopped with <see cref="Stop"/> or when this process exits. Durable, it keeps PostgreSQL's
    /// defaults (fsync, synchronous commit, full-page writes), as a benchmark against a durable SQLite file needs.
    /// </summary>
    public static async Task<PostgreSqlServer> StartAsync(bool durable)
    {
        var bin = BinDirectory;
        var directory = Directory.CreateTempSubdirectory("rescuetracker-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var asRoot = Environment.UserName == "root" || geteuid() == 0;
        if (asRoot) await RunAsync("chown", "postgres:postgres", directory);
        await RunAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");

        var port = FreePort();
        string[] server =
        [
            Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(), "-k", directory, "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=300",
            .. durable ? Array.Empty<string>() : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ];
        var command = string.Join(' ', (asRoot ? ["runuser", "-u", "postgres", "--", .. server] : server).Select(Quote));
        // The watchdog: runs the server, stops it (fast shutdown) when the test process is gone, then removes the directory.
        var script = $"""
            {command} >'{directory}/server.log' 2>&1 &
            pg=$!
            echo $pg
            while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $pg 2>/dev/null; do sleep 1; done
            kill -INT $pg 2>/dev/null; wait $pg
            rm -rf '{directory}'
            """;
        var watchdog = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var line = await watchdog.StandardOutput.ReadLineAsync();
        // Under runuser the server is runuser's child; its pid is the postmaster.pid file's first line.
        var instance = new PostgreSqlServer(watchdog, directory, port, await PostmasterPidAsync(data, watchdog, directory) ?? int.Parse(line!));
        await instance.WaitReadyAsync();
        return instance;
    }

    private static async Task<int?> PostmasterPidAsync(string data, Process watchdog, string directory)
    {
        var file = Path.Combine(data, "postmaster.pid");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (watchdog.HasExited)
                throw new InvalidOperationException("PostgreSQL did not start: " + ReadLog(directory));
            if (File.Exists(file) && (await File.ReadAllLinesAsync(file)) is [var pid, ..] && int.TryParse(pid, out var value)) return value;
            await Task.Delay(100);
        }
        return null;
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await ExecuteAsync("SELECT 1");
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !_watchdog.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Fast shutdown by PID (SIGINT: open sessions end, the server exits); the watchdog then removes the directory.</summary>
    public void Stop()
    {
        if (kill(Pid, SigInt) == 0) _watchdog.WaitForExit(TimeSpan.FromSeconds(30));
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string ReadLog(string directory) =>
        File.Exists(Path.Combine(directory, "server.log")) ? File.ReadAllText(Path.Combine(directory, "server.log")) : "(no log)";

    private static Task RunAsync(string file, params string[] args) => RunAsync(false, file, args);

    private static async Task RunAsync(bool asPostgres, string file, params string[] args)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
    }

    private static string FindDebianBin()
    {
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: the PostgreSQL tests need Debian's postgresql package (apt-get install -y postgresql), or POSTGRES_BIN naming its bin folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";

    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
