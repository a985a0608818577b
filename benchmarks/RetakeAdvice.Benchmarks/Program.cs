using BenchmarkDotNet.Running;
using RetakeAdvice.Benchmarks.Http;
using RetakeAdvice.Benchmarks.Support;

// Run with: dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- --filter '*'
// HTTP throughput of serve against a minimal endpoint, with wrk: ... -- http
// advise --batch on one core against two, and its memory at 10,000 and 100,000 profiles: ... -- batch
// After changing the default rules and the hand-written baseline to match: ... -- freeze
if (args is [FrozenBaseline.Command])
{
    FrozenBaseline.Freeze(Console.Out);
    return 0;
}

if (args is [BatchThroughput.Command, ..])
{
    return await BatchThroughput.RunAsync(args, Console.Out);
}

if (args is [HttpThroughput.Command, ..])
{
    return await HttpThroughput.RunAsync(args, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FrozenBaseline).Assembly).Run(args);
return 0;
