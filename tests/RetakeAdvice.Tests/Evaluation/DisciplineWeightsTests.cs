using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// The per-profile table of discipline weights gives exactly what the manifest's lookup gives (trimmed,
/// case-insensitive, aliases, the default for an unknown or missing discipline), for shared and separate string
/// instances, past its capacity and its probe limit, and forgets one profile's spellings before the next.
/// </summary>
public sealed class DisciplineWeightsTests
{
    private static readonly Manifest Shipped = RuleSetLoader.Load(RuleFolder.Embedded()).Manifest;

    private static readonly string[] Spellings =
        ["pathology", "Pathology", " PATHOLOGY ", "physiology", "anatomy", "Embryology", "behavioural science", "genetics",
         "histology", "unknown discipline", "", " ", "pharmacology\t", "biostatistics and epidemiology", "b", "y"];

    [Property(MaxTest = 300)]
    public Property WeightOf_AnySequenceOfSpellings_IsTheManifestsWeight()
    {
        var spelling = Gen.OneOf<string?>(
            Gen.Elements<string?>(Spellings),
            Gen.Elements(Spellings).Select(s => (string?)new string(s.AsSpan())), // the same text, another instance
            Gen.Constant<string?>(null),
            ArbMap.Default.GeneratorFor<string?>());

        return Prop.ForAll(spelling.ListOf().ToArbitrary(), list =>
        {
            var table = DisciplineWeights.Acquire();
            try
            {
                return list.All(s => table.WeightOf(s, Shipped).Equals(Shipped.WeightOf(s)));
            }
            finally
            {
                table.Release();
            }
        });
    }

    [Fact]
    public void WeightOf_MoreSpellingsThanTheTableHolds_EachIsStillTheManifestsWeight()
    {
        // 200 spellings with the same length and end characters: one probe sequence, the table full after 48, the
        // probe limit reached long before the end of the list.
        var spellings = Enumerable.Range(0, 200).Select(i => $"x{i:D3}x").Append("pathology").Append("Pathology ").ToArray();
        var table = DisciplineWeights.Acquire();

        var weights = spellings.Select(s => table.WeightOf(s, Shipped)).ToArray();
        var again = spellings.Select(s => table.WeightOf(s, Shipped)).ToArray();
        table.Release();

        Assert.Equal(spellings.Select(Shipped.WeightOf), weights);
        Assert.Equal(weights, again);
        Assert.Equal(50, weights[^1]);
    }

    [Fact]
    public void WeightOf_TheNextProfileOnTheThread_ReadsItsOwnRuleSetsWeights()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Replace(RuleFolder.ManifestFile, "\"pathology\": 50", "\"pathology\": 45");
        var other = RuleSetLoader.Parse(RuleFolder.FromDirectory(folder.Path)).Manifest;
        var first = DisciplineWeights.Acquire();
        Assert.Equal(50, first.WeightOf("pathology", Shipped));
        first.Release();

        var second = DisciplineWeights.Acquire();
        var weight = second.WeightOf("pathology", other);
        second.Release();

        Assert.Same(first, second); // the thread's table, reused
        Assert.Equal(45, weight);
    }

    [Fact]
    public void Facts_TopicsOfOneDisciplineSpelledManyWays_WeighThemAlike()
    {
        using var advisor = RetakeAdvisor.Create();
        string[] spellings = ["pathology", "Pathology", " pathology", "PATHOLOGY ", "pathology\t"];
        var profile = Profiles.Minimal() with
        {
            Topics = [.. spellings.Select((s, i) => new TopicResult { Name = $"topic {i}", Discipline = s, Seen = 20, Incorrect = 5 })],
        };

        var facts = AdvicePipeline.Prepare(advisor.Rules, profile, new DateOnly(2026, 11, 30));

        var weights = facts.Topics!.Select(t => t.Weight).Distinct();
        Assert.Equal([50.0], weights);
    }
}
