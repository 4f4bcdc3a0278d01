using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RescueTracker.Benchmarks;

/// <summary>A column computed from the summary; blank where it does not apply.</summary>
public abstract class FigureColumn(string name, string legend) : IColumn
{
    public string Id => GetType().Name;
    public string ColumnName => name;
    public string Legend => legend;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Value(summary, benchmarkCase) ?? "-";
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    protected abstract string? Value(Summary summary, BenchmarkCase benchmarkCase);

    protected static double? MeanSeconds(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean / 1e9;

    protected static string Method(BenchmarkCase benchmarkCase) => benchmarkCase.Descriptor.WorkloadMethod.Name;

    protected static string MaxLogRange(BenchmarkCase benchmarkCase) =>
        Convert.ToString(benchmarkCase.Parameters[nameof(IngestBenchmarks.MaxLogRange)], CultureInfo.InvariantCulture)!;
}

public sealed class LogsPerSecondColumn() : FigureColumn("Logs/s", $"{BenchmarkChain.LogCount:N0} logs divided by the mean time")
{
    protected override string? Value(Summary summary, BenchmarkCase benchmarkCase) =>
        MeanSeconds(summary, benchmarkCase) is { } seconds ? (BenchmarkChain.LogCount / seconds).ToString("N0", CultureInfo.InvariantCulture) : null;
}

/// <summary>Ingest throughput as a fraction of the bare fetch's over the same ranges (goal: at least 0.8).</summary>
public sealed class IngestToBareColumn() : FigureColumn("Ingest/Bare", "Ingest logs/s divided by BareFetch logs/s at the same MaxLogRange")
{
    protected override string? Value(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (Method(benchmarkCase) is not (nameof(IngestBenchmarks.Ingest) or nameof(IngestBenchmarks.IngestPostgreSql))) return null;
        var bare = summary.BenchmarksCases.FirstOrDefault(c =>
            Method(c) == nameof(IngestBenchmarks.BareFetch) && MaxLogRange(c) == MaxLogRange(benchmarkCase));
        return bare is not null && MeanSeconds(summary, bare) is { } bareSeconds && MeanSeconds(summary, benchmarkCase) is { } ingestSeconds
            ? (bareSeconds / ingestSeconds).ToString("0.00", CultureInfo.InvariantCulture)
            : null;
    }
}

public sealed class PeakWorkingSetColumn(string folder) : FigureColumn("Peak WS", "Peak working set of the case's process during its iterations")
{
    protected override string? Value(Summary summary, BenchmarkCase benchmarkCase) =>
        PeakMemory.Read(folder, Method(benchmarkCase), MaxLogRange(benchmarkCase)) is { } peak ? PeakMemory.Format(peak) : null;
}
