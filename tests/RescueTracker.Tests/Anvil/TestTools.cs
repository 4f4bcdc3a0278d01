using System.Security.Cryptography;
using System.Text;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// The npm-installed test tools (Anvil, solc-js) under tests/tools and the compiled test
/// contracts. Installs from the lockfile on first use so a fresh clone needs no manual step.
/// </summary>
public static class TestTools
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string ToolsDir => Path.Combine(RepoRoot, "tests", "tools");
    public static string ContractsDir => Path.Combine(RepoRoot, "tests", "contracts");
    public static string AnvilPath =>
        Path.Combine(ToolsDir, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    private static string LockFile => Path.Combine(ToolsDir, "package-lock.json");
    // npm ci writes this hidden copy last, so its age tells whether node_modules matches the lockfile.
    private static string InstalledMarker => Path.Combine(ToolsDir, "node_modules", ".package-lock.json");

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Lazy<Task<string>> Compiled = new(CompileAsync);

    /// <summary>Runs <c>npm ci</c> in tests/tools unless node_modules is already current.</summary>
    public static async Task EnsureInstalledAsync()
    {
        if (IsInstalled()) return;
        await Gate.WaitAsync();
        try
        {
            // Another test process (a parallel test assembly) may be installing too.
            await using var crossProcess = await CrossProcessLock.AcquireAsync(ToolsDir, TimeSpan.FromMinutes(10));
            if (IsInstalled()) return;
            var result = await ToolProcess.RunAsync(
                "npm", ["ci", "--no-audit", "--no-fund"], ToolsDir, TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0 || !IsInstalled())
            {
                throw new InvalidOperationException(
                    $"`npm ci --no-audit --no-fund` in {ToolsDir} failed (exit code {result.ExitCode}); " +
                    $"the Anvil tests need Node.js, npm and access to the package registry once.\n{result.Output}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The folder holding one <c>Contract.json</c> per test contract. Compiled once per test run and
    /// cached by a hash of the sources, the compile script and the lockfile (which pins solc).
    /// </summary>
    public static Task<string> CompiledContractsDirAsync() => Compiled.Value;

    private static async Task<string> CompileAsync()
    {
        await EnsureInstalledAsync();
        var dir = Path.Combine(ToolsDir, "node_modules", ".cache", "rescuetracker-contracts", SourceHash());
        var complete = Path.Combine(dir, ".complete");
        if (File.Exists(complete)) return dir;

        await using var crossProcess = await CrossProcessLock.AcquireAsync(ToolsDir, TimeSpan.FromMinutes(10));
        if (File.Exists(complete)) return dir;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);

        var script = Path.Combine(ToolsDir, "compile-contracts.js");
        var result = await ToolProcess.RunAsync("node", [script, dir], ToolsDir, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Compiling {ContractsDir} failed (exit code {result.ExitCode}).\n{result.Output}");
        }
        await File.WriteAllTextAsync(complete, "");
        return dir;
    }

    private static bool IsInstalled() =>
        File.Exists(AnvilPath)
        && File.Exists(InstalledMarker)
        && File.GetLastWriteTimeUtc(InstalledMarker) >= File.GetLastWriteTimeUtc(LockFile);

    private static string SourceHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inputs = Directory.GetFiles(ContractsDir, "*.sol").Order(StringComparer.Ordinal)
            .Append(Path.Combine(ToolsDir, "compile-contracts.js"))
            .Append(LockFile);
        foreach (var file in inputs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RescueTracker.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No RescueTracker.sln in or above {AppContext.BaseDirectory}.");
    }
}
