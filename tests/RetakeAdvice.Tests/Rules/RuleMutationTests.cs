
namespace RetakeAdvice.Tests.Rules;

/// <summary>
/// The JSON tests pin every rule, card and readiness rules alike: switching any one rule off (its Expression set to
/// "false") must leave the folder valid and make at least one case fail.
/// </summary>
public sealed class RuleMutationTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules)).Rules.Rules)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void ShippedTests_RuleSwitchedOff_FailACase(string ruleId)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression(ruleId, "false");

        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var results = RuleTestSuite.Load(folder.Path).RunAll(advisor);

        Assert.Contains(results, r => !r.Passed);
    }

    [Fact]
    public void ShippedRules_CoverTheWholeCatalogue()
    {
        string[] catalogue =
        [
            "school.contact-now", "school.arrange-logistics", "wellbeing.crisis-support", "wellbeing.counseling",
            "wellbeing.find-confidant", "mentors.find-high-scorer", "tactics.change-approach", "practice.take-nbme",
            "practice.gate-not-passed", "practice.no-hail-mary", "practice.ready", "practice.final-attempt-gate", "resources.drop", "resources.add-core",
            "resources.overload", "topics.focus", "topics.skip-low-yield", "planning.near-miss", "planning.extended-study",
            "planning.repeat-coursework", "planning.realistic-target", "planning.final-attempt", "planning.no-attempts-left",
            "resilience.burnout-risk", "resilience.self-care",

            // The hard cases: school rules, who the student is, accommodations, the score report.
            "school.deadline", "eligibility.img-registration", "eligibility.comlex-route", "accommodations.apply-early",
            "topics.score-report-areas",
        ];

        var shipped = RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules)).Rules;

        Assert.Equal(catalogue.Order(StringComparer.Ordinal), shipped.Rules.Where(r => r.Card is not null).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["readiness.wellbeing-first", "readiness.no-attempts-left", "readiness.latest-not-passing", "readiness.none-since-failure", "readiness.final-attempt-needs-two", "readiness.latest-passed", "readiness.unknown"],
            shipped.ReadinessRules.Select(r => r.Id));
    }
}
