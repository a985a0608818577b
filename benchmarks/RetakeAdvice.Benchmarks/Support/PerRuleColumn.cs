using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// The mean time or the allocated bytes of a case divided by its <c>Rules</c> parameter, always in the same unit
/// (µs or KB per rule) so the rows read straight down: flat values mean linear cost.
/// </summary>
public sealed class PerRuleColumn(bool allocations) : IColumn
{
    public string Id => allocations ? "AllocatedPerRule" : "MeanPerRule";

    public string ColumnName => allocations ? "Allocated/rule" : "Mean/rule";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocations ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => allocations
        ? "Allocated divided by Rules, in KB (1 KB = 1,024 B)"
        : "Mean divided by Rules, in µs";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null || benchmarkCase.Parameters["Rules"] is not int rules || rules <= 0)
        {
            return "NA";
        }

        if (allocations)
        {
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is null ? "NA" : (bytes.Value / 1024.0 / rules).ToString("N2", CultureInfo.InvariantCulture) + " KB";
        }

        return (report.ResultStatistics.Mean / 1_000.0 / rules).ToString("N2", CultureInfo.InvariantCulture) + " μs";
    }

    public override string ToString() => ColumnName;
}
