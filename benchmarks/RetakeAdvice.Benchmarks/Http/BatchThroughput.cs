using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks.Http;

/// <summary>
/// <c>retake-advice advise --batch</c>, the real command from the build beside this one, over NDJSON made of the
/// samples: profiles per second pinned to one core against two (taskset; the runtime sees one processor, so the
/// batch runs one worker), in alternating rounds, and the process's peak resident memory at 10,000 against 100,000
/// profiles. Run: <c>dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- batch [--rounds 3]</c>
/// (Linux: taskset and /proc).
/// </summary>
public static class BatchThroughput
{
    public const string Command = "batch";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--rounds");
        var rounds = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 3;
        var folder = Directory.CreateTempSubdirectory("retake-batch-");
        try
        {
            var small = await WriteBatchAsync(Path.Combine(folder.FullName, "10k.ndjson"), 10_000).ConfigureAwait(false);
            var large = await WriteBatchAsync(Path.Combine(folder.FullName, "100k.ndjson"), 100_000).ConfigureAwait(false);
            output.WriteLine($"{Environment.ProcessorCount} cores; {rounds} rounds after a warm-up; each run starts the command (about 0.3 s of the time)");
            Run(small, "0,1"); // warm-up: disk cache, the tool's first start
            var one = new List<Result>();
            var two = new List<Result>();
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 0)
                {
                    one.Add(Run(large, "0"));
                    two.Add(Run(large, "0,1"));
                }
                else
                {
                    two.Add(Run(large, "0,1"));
                    one.Add(Run(large, "0"));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: 1 core {one[^1].PerSecond:N0}/s, 2 cores {two[^1].PerSecond:N0}/s, ratio {two[^1].PerSecond / one[^1].PerSecond:0.00}"));
            }

            var tenThousand = Enumerable.Range(0, rounds).Select(_ => Run(small, "0,1")).ToList();
            var speedUp = Median(two, r => r.PerSecond) / Median(one, r => r.PerSecond);
            var memory = Median(two, r => r.PeakMegabytes) / Median(tenThousand, r => r.PeakMegabytes);
            output.WriteLine();
            output.WriteLine("| Run | Profiles | Median profiles/s | Median peak memory (RSS) |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine(Row("1 core", 100_000, one));
            output.WriteLine(Row("2 cores", 100_000, two));
            output.WriteLine(Row("2 cores", 10_000, tenThousand));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n2 cores / 1 core = {speedUp:0.00}; peak memory 100,000 / 10,000 profiles = {memory:0.00}"));
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record Result(int Profiles, double Seconds, double PeakMegabytes)
    {
        public double PerSecond => Profiles / Seconds;
    }

    /// <summary>The samples in turn, one per line, each with a topic list of its own so no two lines are alike.</summary>
    private static async Task<(string Path, int Profiles)> WriteBatchAsync(string path, int profiles)
    {
        var samples = Directory.EnumerateFiles(RepoFiles.Find("samples"), "*.json").Order(StringComparer.Ordinal)
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.ToJsonString()).ToArray();
        await using var writer = new StreamWriter(path);
        for (var i = 0; i < profiles; i++)
        {
            await writer.WriteLineAsync(samples[i % samples.Length]).ConfigureAwait(false);
        }

        return (path, profiles);
    }

    private static Result Run((string Path, int Profiles) batch, string cores)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "retake-advice");
        var start = new ProcessStartInfo("sh", ["-c", $"exec taskset -c {cores} \"{tool}\" advise --batch \"{batch.Path}\" > /dev/null 2> /dev/null"]);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        double peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakMegabytes(process.Id));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"advise --batch exited {process.ExitCode}");
        }

        return new Result(batch.Profiles, seconds, peak);
    }

    /// <summary>The process's peak resident set (VmHWM), in MB; 0 once it has gone.</summary>
    private static double PeakMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Row(string name, int profiles, List<Result> results) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {profiles:N0} | {Median(results, r => r.PerSecond):N0} | {Median(results, r => r.PeakMegabytes):N0} MB |");

    private static double Median(List<Result> results, Func<Result, double> value)
    {
        var sorted = results.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
