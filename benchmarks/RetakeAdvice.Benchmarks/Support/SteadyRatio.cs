using System.Diagnostics;
using System.Globalization;
using RetakeAdvice.Benchmarks.HandWritten;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// A cross-check of <see cref="AdviseBenchmarks"/>' ratio on a shared machine: the library's default call and the
/// hand-written one alternate in one process, in bursts of about 20 ms each (at least 64 calls), and the ratio of each pair of bursts is
/// taken; the median of those ratios, with its quartiles, is printed per size. BenchmarkDotNet runs each method in
/// processes of its own, and on this kind of machine the same binary differs by up to 30 % from one process or minute
/// to the next, which shows in its ratios; alternating in one process, both sides see the same noise. Run:
/// <c>dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- steady [--seconds 15] [--topics 10,1000,10000]</c>.
/// </summary>
public static class SteadyRatio
{
    public const string Command = "steady";

    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--seconds");
        var seconds = at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : 15;
        var sizes = Array.IndexOf(args, "--topics") is var t and >= 0 && t + 1 < args.Length
            ? args[t + 1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()
            : [10, 1_000, 10_000];
        var advisor = RetakeAdvisor.Create();
        FrozenBaseline.EnsureCurrent(advisor);
        var handWritten = new HandWrittenAdvisor(advisor.RuleSet);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {seconds} s per size after a warm-up; ratio = library / hand-written per pair of bursts"));
        output.WriteLine();
        output.WriteLine("| Topics | Library (median) | Hand-written (median) | Ratio: median | quartiles | pairs |");
        output.WriteLine("|---:|---:|---:|---:|---|---:|");
        foreach (var topics in sizes)
        {
            var profile = BenchmarkProfiles.Full(topics);
            if (RetakeAdviceJson.WriteReport(advisor.Advise(profile)) != RetakeAdviceJson.WriteReport(handWritten.Advise(profile)))
            {
                throw new InvalidOperationException("the library and the hand-written code give different reports: the ratio would compare different work");
            }

            output.WriteLine(Measure(topics, () => advisor.Advise(profile), () => handWritten.Advise(profile), seconds));
        }

        return 0;
    }

    private static string Measure(int topics, Func<AdviceReport> library, Func<AdviceReport> handWritten, double seconds)
    {
        // Calls per burst: about 20 ms of the hand-written code, found after the warm-up, and at least 64, so that the
        // full collections large profiles cause (each call allocates a set of 10,000 names) fall in every burst alike.
        for (var i = 0; i < 2_000; i++)
        {
            library();
            handWritten();
        }

        var probe = Stopwatch.StartNew();
        var calls = 0;
        while (probe.ElapsedMilliseconds < 20 || calls < 64)
        {
            handWritten();
            calls++;
        }

        var ratios = new List<double>();
        var libraryTimes = new List<double>();
        var handTimes = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++)
            {
                library();
            }

            var middle = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++)
            {
                handWritten();
            }

            var end = Stopwatch.GetTimestamp();
            libraryTimes.Add(Microseconds(middle - start) / calls);
            handTimes.Add(Microseconds(end - middle) / calls);
            ratios.Add((double)(middle - start) / (end - middle));
        }

        ratios.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {topics:N0} | {Median(libraryTimes):0.00} µs | {Median(handTimes):0.00} µs | **{Median(ratios):0.00}** | {ratios[ratios.Count / 4]:0.00}–{ratios[3 * ratios.Count / 4]:0.00} | {ratios.Count} |");
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
