using BenchmarkDotNet.Running;
using RetakeAdvice.Benchmarks.Http;
using RetakeAdvice.Benchmarks.Support;

// Run with: dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- --filter '*'
// HTTP throughput of serve against a minimal endpoint, with wrk: ... -- http
// After changing the default rules and the hand-written baseline to match: ... -- freeze
if (args is [FrozenBaseline.Command])
{
    FrozenBaseline.Freeze(Console.Out);
    return 0;
}

if (args is [HttpThroughput.Command, ..])
{
    return await HttpThroughput.RunAsync(args, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FrozenBaseline).Assembly).Run(args);
return 0;
