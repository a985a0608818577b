using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace RetakeAdvice.Tests.Properties;

/// <summary>
/// The properties mean something only if their profiles reach every rule: over the generated profiles (the
/// generator of the properties, a fixed seed), every catalogue rule must fire at least once and stay silent at
/// least once, except <c>resilience.self-care</c>, which always fires.
/// </summary>
public sealed class GeneratorCoverageTests(ITestOutputHelper output)
{
    private const int Samples = 400;
    private const string AlwaysOn = "resilience.self-care";

    [Fact]
    public void GeneratedProfiles_FireAndLeaveSilent_EveryCatalogueRule()
    {
        var advisor = Shipped.Advisor;
        var fired = advisor.Rules.Rules.Where(r => r.Card is not null).ToDictionary(r => r.Id, _ => 0, StringComparer.Ordinal);
        var decided = advisor.Rules.ReadinessRules.ToDictionary(r => r.Id, _ => 0, StringComparer.Ordinal);
        var profiles = Gen.Sample(PropertyGenerators.ValidProfile, Samples, new Rnd(20261127UL), 50);
        foreach (var profile in profiles)
        {
            foreach (var id in advisor.Advise(profile).Recommendations.Select(r => r.Id).Distinct())
            {
                fired[id]++;
            }

            decided[advisor.Explain(profile).Rules.Single(r => r.Readiness is not null && r.Outcome == RuleOutcome.Fired).Id]++;
        }

        foreach (var (id, count) in fired.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{id,-28} fired in {count,3} of {profiles.Length}, silent in {profiles.Length - count,3}");
        }

        Assert.Equal(Samples, profiles.Length);
        Assert.Equal(30, fired.Count);
        Assert.Empty(fired.Where(f => f.Value == 0).Select(f => f.Key));
        Assert.Empty(decided.Where(f => f.Value == 0).Select(f => f.Key));
        Assert.Equal([AlwaysOn], fired.Where(f => f.Value == profiles.Length).Select(f => f.Key));
    }
}
