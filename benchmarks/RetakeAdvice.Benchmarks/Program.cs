using BenchmarkDotNet.Running;
using RetakeAdvice.Benchmarks;
using RetakeAdvice.Benchmarks.Http;
using RetakeAdvice.Benchmarks.Support;

// Run with: dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- --filter '*'
// HTTP throughput of serve against a minimal endpoint, with wrk: ... -- http
// advise --batch on one core against two, and its memory at 10,000 and 100,000 profiles: ... -- batch
// The library's ratio to the hand-written call, the two alternating in one process (a cross-check): ... -- steady
// After changing the default rules and the hand-written baseline to match: ... -- freeze
if (args is [FrozenBaseline.Command])
{
    FrozenBaseline.Freeze(Console.Out);
    return 0;
}

if (args is [SteadyRatio.Command, ..])
{
    return SteadyRatio.Run(args, Console.Out);
}

if (args is [BatchThroughput.Command, ..])
{
    return await BatchThroughput.RunAsync(args, Console.Out);
}

if (args is [HttpThroughput.Command, ..])
{
    return await HttpThroughput.RunAsync(args, Console.Out);
}

// ColdStartBenchmarks publishes its apps once per run, in a folder its benchmark processes share (they inherit this).
var coldStartRoot = Path.Combine(Path.GetTempPath(), "retake-coldstart-" + Guid.NewGuid().ToString("N"));
Environment.SetEnvironmentVariable(ColdStartBenchmarks.SharedRootVariable, coldStartRoot);
try
{
    BenchmarkSwitcher.FromAssembly(typeof(FrozenBaseline).Assembly).Run(args);
}
finally
{
    if (Directory.Exists(coldStartRoot))
    {
        Directory.Delete(coldStartRoot, recursive: true);
    }
}

return 0;
