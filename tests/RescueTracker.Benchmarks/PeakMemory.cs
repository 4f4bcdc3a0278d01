using System.Diagnostics;
using System.Globalization;

namespace RescueTracker.Benchmarks;

/// <summary>
/// Peak working set of a benchmark's own process (BenchmarkDotNet runs each case in a process of
/// its own). The high-water mark is reset after the global set-up, so the figure covers the
/// iterations and not the set-up; the host's column reads what each case's process wrote.
/// </summary>
public static class PeakMemory
{
    public const string FolderVariable = "RESCUETRACKER_BENCHMARK_RESULTS";

    /// <summary>False where /proc/self/clear_refs is not writable: the peak then includes the set-up.</summary>
    public static bool Reset()
    {
        try
        {
            // "5" resets the peak resident set size (VmHWM), which Process.PeakWorkingSet64 reports.
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long Current()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    public static void Record(string benchmark, int maxLogRange, bool coversSetUp)
    {
        var peak = Current();
        Console.WriteLine($"// Peak working set of {benchmark} (MaxLogRange={maxLogRange}): {Format(peak)}{(coversSetUp ? " (includes set-up)" : "")}");
        if (Environment.GetEnvironmentVariable(FolderVariable) is not { Length: > 0 } folder) return;
        File.WriteAllText(FilePath(folder, benchmark, maxLogRange), peak.ToString(CultureInfo.InvariantCulture));
    }

    public static long? Read(string folder, string benchmark, string maxLogRange)
    {
        var path = Path.Combine(folder, $"{benchmark}-{maxLogRange}.peak");
        return File.Exists(path) ? long.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture) : null;
    }

    public static string Format(long bytes) => $"{bytes / (1024.0 * 1024.0):N1} MB";

    private static string FilePath(string folder, string benchmark, int maxLogRange) =>
        Path.Combine(folder, $"{benchmark}-{maxLogRange.ToString(CultureInfo.InvariantCulture)}.peak");
}
