using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// Advisor creation against the size of the rule set: <see cref="RuleSource.FromDirectory"/> on folders of 40, 400
/// and 4,000 rules made from copies of the shipped workflows (<see cref="ScaledRuleFolder"/>; every copy is the same
/// work for the loader). Each call reads the folder, parses, checks and compiles every expression of every rule and
/// JIT-prepares the delegates, and builds a new advisor, which is disposed.
/// The baseline reads and parses the same files with <see cref="JsonDocument"/> and nothing else: work that is linear
/// in the folder's bytes by construction. Its ratio is therefore "the loader costs this many times the bare JSON
/// read"; a ratio that stays flat as the rules grow, like the <c>Mean/rule</c> column, means creation is linear in the
/// number of rules. The embedded default rule set is cached in a static field, so folders are used, never
/// <see cref="RetakeAdvisor.Create(RuleSource?, TimeProvider?, Microsoft.Extensions.Logging.ILoggerFactory?)"/>.
/// The job: 3 warm-up and 10 measured iterations in one launch, so the class runs with a sensible job without
/// <c>--job</c> (which would add a second job); at 4,000 rules one call takes seconds, one call per iteration.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Creation")]
[MemoryDiagnoser]
[Config(typeof(PerRuleConfig))]
public class CreationBenchmarks
{
    private string _folder = null!;

    [Params(40, 400, 4_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"retake-creation-{Rules}-" + Guid.NewGuid().ToString("N"));
        var written = ScaledRuleFolder.Write(RepoFiles.Find("rules"), _folder, Rules);
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(_folder));
        if (written != Rules || advisor.RuleIds.Count != Rules || ParseJson() != Directory.GetFiles(_folder, "*.json").Length)
        {
            throw new InvalidOperationException($"the folder does not hold {Rules} rules: the benchmark would measure something else");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Reads every JSON file of the folder and parses it into a <see cref="JsonDocument"/>.</summary>
    [Benchmark(Baseline = true)]
    public int ParseJson()
    {
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(_folder, "*.json", SearchOption.TopDirectoryOnly))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64 });
            files += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return files;
    }

    /// <summary>A new advisor on the folder: read, check, parse and compile every rule; then dispose it.</summary>
    [Benchmark]
    public int FromDirectory()
    {
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(_folder));
        return advisor.RuleIds.Count;
    }

    private sealed class PerRuleConfig : ManualConfig
    {
        public PerRuleConfig()
        {
            AddColumn(new PerRuleColumn(allocations: false), new PerRuleColumn(allocations: true));
        }
    }
}
