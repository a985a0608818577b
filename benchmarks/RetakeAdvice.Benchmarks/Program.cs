using BenchmarkDotNet.Running;
using RetakeAdvice.Benchmarks.Support;

// Run with: dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- --filter '*'
// After changing the default rules and the hand-written baseline to match: ... -- freeze
if (args is [FrozenBaseline.Command])
{
    FrozenBaseline.Freeze(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
