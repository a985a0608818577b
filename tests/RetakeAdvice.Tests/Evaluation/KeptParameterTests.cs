using System.Text.Json.Nodes;
using RetakeAdvice.Precompiled;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// A parameter that reads the profile and walks a list is worked out once per call, the first time a part reads it,
/// and recalled by every other part (the shipped low-yield rule reads <c>lowYieldTopics</c> in its gate, detail,
/// reasons and actions). The budget shows how many walks a call made: each item a lambda sees is one step.
/// </summary>
public sealed class KeptParameterTests
{
    private const int Topics = 3_000;

    // Every topic seen once: the low-yield rule lists them all. Kept: one walk of the filter (3,000 steps) and the
    // two lists its texts write (6,000), about 9,000 in all. Written out in each part: the filter three more times.
    private const long Budget = 12_000;

    private static RetakeProfile ManyBarelySeenTopics() => Profiles.Minimal() with
    {
        Topics = [.. Enumerable.Range(0, Topics).Select(i => new TopicResult { Name = $"topic {i:D4}", Discipline = "genetics", Seen = 1, Incorrect = 0 })],
    };

    private static TempRuleFolder LowYieldOnly(long budget)
    {
        var folder = TempRuleFolder.CopyOfShippedRules().KeepOnly("topics.json");
        folder.DeleteRuleTests();
        folder.EditJson("ruleset.json", manifest => manifest["evaluationBudget"] = budget);
        return folder;
    }

    [Fact]
    public void Advise_ParameterReadByFourParts_WalksTheTopicsOnce()
    {
        using var folder = LowYieldOnly(Budget);

        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(ManyBarelySeenTopics());

        var card = Assert.Single(report.Recommendations, r => r.Id == "topics.skip-low-yield");
        Assert.Equal(Topics, card.Actions.Count);
        Assert.Contains("topic 2999 (1)", card.Because[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_SameWalkWrittenInEachPart_WalksOncePerPartAndRunsOutOfTheSameBudget()
    {
        // The control: the same rule with the parameter's expression written where it is read.
        using var folder = LowYieldOnly(Budget);
        const string Walk = "facts.Topics.Where(t => t.Seen <= lowYieldMaxSeen)";
        folder.EditJson("topics.json", workflow =>
        {
            var rule = workflow["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "topics.skip-low-yield")!;
            rule.AsObject().Remove("LocalParams");
            rule["Expression"] = $"facts.Topics != null && {Walk}.Any()";
            var card = rule["Properties"]!;
            card["detail"] = card["detail"]!.GetValue<string>().Replace("lowYieldTopics", Walk, StringComparison.Ordinal);
            card["because"] = card["because"]!.GetValue<string>().Replace("lowYieldTopics", Walk, StringComparison.Ordinal);
            card["actions"]![0]!["forEach"] = Walk;
        });

        var ex = Assert.Throws<RuleEvaluationException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(ManyBarelySeenTopics()));

        Assert.Equal("topics.skip-low-yield", ex.Rule);
        Assert.Contains($"budget of {Budget} steps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_KeptParameterThatThrows_FailsTheCallNamingTheRule()
    {
        // A walk that fails is not kept (Keep runs only on a value), and its error is the rule's, as if the walk were
        // written where it is read. Here the gate does not guard against unknown topics.
        using var folder = LowYieldOnly(Budget);
        folder.EditJson("topics.json", workflow =>
        {
            var rule = workflow["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "topics.skip-low-yield")!;
            rule["LocalParams"]![0]!["Expression"] = "facts.Topics.Where(t => t.Seen <= lowYieldMaxSeen)";
            rule["Expression"] = "true";
        });

        var ex = Assert.Throws<RuleEvaluationException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(Profiles.Minimal()));

        Assert.Equal("topics.skip-low-yield", ex.Rule);
        Assert.Contains("Value cannot be null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_KeptValues_AreTheCallsOwn()
    {
        // Two calls on one advisor, different topics: the second does not see the first's list.
        using var folder = LowYieldOnly(Fuel.DefaultBudget);
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var first = advisor.Advise(Profiles.Minimal() with { Topics = [new TopicResult { Name = "Alpha", Seen = 1, Incorrect = 0 }] });
        var second = advisor.Advise(Profiles.Minimal() with { Topics = [new TopicResult { Name = "Beta", Seen = 2, Incorrect = 0 }, new TopicResult { Name = "Gamma", Seen = 9, Incorrect = 0 }] });

        Assert.Equal(["Alpha"], first.Recommendations.Single(r => r.Id == "topics.skip-low-yield").Actions.Select(a => a.Target));
        Assert.Equal(["Beta"], second.Recommendations.Single(r => r.Id == "topics.skip-low-yield").Actions.Select(a => a.Target));
    }

    [Fact]
    public void Load_ParameterThatOnlyNamesAKeptOne_TakesNoSlotOfItsOwn()
    {
        using var plain = LowYieldOnly(Budget);
        using var aliased = LowYieldOnly(Budget);
        aliased.EditJson("topics.json", workflow =>
        {
            var rule = workflow["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "topics.skip-low-yield")!;
            rule["LocalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "barelySeen", ["Expression"] = "lowYieldTopics" });
            rule["Properties"]!["actions"]![0]!["forEach"] = "barelySeen";
        });

        using var plainAdvisor = RetakeAdvisor.Create(RuleSource.FromDirectory(plain.Path));
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(aliased.Path));

        Assert.True(plainAdvisor.Rules.KeptValues > 0);
        Assert.Equal(plainAdvisor.Rules.KeptValues, advisor.Rules.KeptValues);
        Assert.Equal(Topics, advisor.Advise(ManyBarelySeenTopics()).Recommendations.Single(r => r.Id == "topics.skip-low-yield").Actions.Count);
    }

    [Fact]
    public void Keep_NullFalseAndTrue_AreRecalledAsKept()
    {
        var facts = new AdviceFacts { Kept = new object?[3] };

        Assert.False(RuleRuntime.IsKept(facts, 0));
        Assert.Null(RuleRuntime.Keep<string?>(facts, 0, null));
        Assert.False(RuleRuntime.Keep(facts, 1, false));
        Assert.True(RuleRuntime.Keep(facts, 2, true));

        Assert.True(RuleRuntime.IsKept(facts, 0) && RuleRuntime.IsKept(facts, 1) && RuleRuntime.IsKept(facts, 2));
        Assert.Null(RuleRuntime.Kept<string?>(facts, 0));
        Assert.False(RuleRuntime.Kept<bool>(facts, 1));
        Assert.True(RuleRuntime.Kept<bool>(facts, 2));
    }

    [Fact]
    public void Keep_FactsWithoutSlots_KeepNothing()
    {
        // Facts made outside a call (a test running a delegate directly) have no slots: every read works it out.
        var facts = new AdviceFacts();

        Assert.Equal(7, RuleRuntime.Keep(facts, 0, 7));
        Assert.False(RuleRuntime.IsKept(facts, 0));
    }

    [Fact]
    public void Walked_LazyListIsWalkedOnceIntoAnArray_ListsAndNullAsTheyAre()
    {
        var walks = 0;
        var lazy = Enumerable.Range(1, 3).Select(i => { walks++; return i; });
        int[] array = [1, 2];

        var walked = RuleRuntime.Walked(lazy)!;

        Assert.Equal([1, 2, 3], walked);
        Assert.Equal([1, 2, 3], walked);
        Assert.Equal(3, walks);
        Assert.Same(array, RuleRuntime.Walked(array));
        Assert.Null(RuleRuntime.Walked<int>(null));
    }
}
