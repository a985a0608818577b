using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using RetakeAdvice.Tests.Benchmarks;
using Xunit.Abstractions;

namespace RetakeAdvice.Tests.Rules;

/// <summary>
/// Every card of the default rule set reads as written English for a student: no template slips ("1 days",
/// "0 days away", "null", empty brackets, doubled spaces or punctuation) and no talk of "the rules", which means
/// nothing to a student. Checked on the samples, every JSON test profile and thousands of generated profiles,
/// whose texts come from fixed lists (no odd text of their own to trip the checks).
/// </summary>
public sealed partial class CardTextTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"(?<![\d.,])1 (days|weeks|attempts|points|times|questions|practice exams|minutes|hours|rest days|resources)\b")]
    private static partial Regex SingularAsPlural();

    [GeneratedRegex(@"\b0 days (away|from now|ago)\b|\bnull\b|  |\s[,.;:]|\.\.|,,|\(\s*\)|:\s*\.|\bthe rules\b|\ba (attempt|exam|hour)s?\b")]
    private static partial Regex Slip();

    [Fact]
    public void EveryCard_ReadsWithoutTemplateSlips()
    {
        var profiles = Profiles.SampleFiles().Select(f => RetakeAdviceJson.ReadProfile(File.ReadAllText(f)))
            .Concat(RuleTestSuite.Load(RepoPaths.Rules).Cases.Where(c => c.Profile is not null).Select(c => c.Profile!))
            .Concat(Gen.Sample(ProfileArbitraries.Profile, 3000, new Rnd(20261130UL), 50));
        var slips = new SortedSet<string>(StringComparer.Ordinal);
        var advised = 0;
        foreach (var profile in profiles)
        {
            AdviceReport report;
            try
            {
                report = Shipped.Advisor.Advise(profile);
            }
            catch (ProfileValidationException)
            {
                continue; // the JSON tests' invalid cases
            }

            advised++;
            var texts = report.Recommendations.SelectMany(r => new[] { r.Summary, r.Detail }.Concat(r.Because).Select(t => (r.Id, Text: t)))
                .Concat(report.Readiness.Because.Select(t => ("readiness", Text: (string?)t)));
            foreach (var (id, text) in texts)
            {
                if (text is not null && (SingularAsPlural().Match(text) is { Success: true } m1 ? m1 : Slip().Match(text)) is { Success: true } m)
                {
                    slips.Add($"{id}: \"{m.Value}\" in: {text}");
                }
            }
        }

        output.WriteLine($"{advised} reports read");
        foreach (var slip in slips)
        {
            output.WriteLine(slip);
        }

        Assert.True(advised > 2000, $"only {advised} profiles were valid");
        Assert.Empty(slips);
    }
}
