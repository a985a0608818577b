using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// Rules that load but would not finish: every call has a budget of steps (a burn on every lambda call) and a cap on
/// the texts expressions build, and its cancellation token is looked at as the steps are taken.
/// </summary>
public sealed class FuelTests
{
    private static TempRuleFolder WithRule(string expression, long? budget = null)
    {
        var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("topics.json", workflow =>
        {
            workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "ten", ["Expression"] = "new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }" });
            workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "tenXs", ["Expression"] = "\"xxxxxxxxxx\"" });
            workflow["Rules"]![1]!["Expression"] = expression;
        });
        if (budget is { } steps)
        {
            folder.EditJson("ruleset.json", manifest => manifest["evaluationBudget"] = steps);
        }

        return folder;
    }

    [Fact]
    public void Advise_RuleThatWouldNeverFinish_StopsAtTheBudgetNamingTheRule()
    {
        // Ten to the eleventh elements: loads (it reads nothing hostile), and used to run for ever.
        var nested = "ten" + string.Concat(Enumerable.Repeat(".SelectMany(a => ten)", 11)) + ".Count() > 0";
        using var folder = WithRule(nested);
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var ex = Assert.Throws<RuleEvaluationException>(() => advisor.Advise(Profiles.Minimal()));

        Assert.Equal(("topics.json", "topics.skip-low-yield"), (ex.File, ex.Rule));
        Assert.Contains("the call used its budget of 10000000 steps (evaluationBudget)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_BudgetFromTheManifest_IsTheOneThatHolds()
    {
        // The three selectors are called 10 + 100 + 1,000 times and the SelectMany yield 100 + 1,000 + 10,000
        // elements: 12,210 steps, within the default budget, past a budget of 1,000.
        const string Cube = "ten.SelectMany(a => ten).SelectMany(a => ten).SelectMany(a => ten).Count() > 0 && facts.Topics != null";
        using var small = WithRule(Cube, budget: 1_000);
        using var enough = WithRule(Cube);

        var ex = Assert.Throws<RuleEvaluationException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(small.Path)).Advise(Profiles.Minimal() with { Topics = [] }));
        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(enough.Path)).Advise(Profiles.Minimal() with { Topics = [] });

        Assert.Contains("budget of 1000 steps", ex.Message, StringComparison.Ordinal);
        Assert.Contains(report.Recommendations, r => r.Id == "topics.skip-low-yield");
    }

    [Fact]
    public void Advise_SelectManyOverAWideArray_IsMeteredPerElementItYields()
    {
        // 950 lambda calls give 902,500 elements: metered by lambda calls alone, a wider array or one more level
        // ran for hours inside any budget. Each element SelectMany yields is a step.
        var wide = "new[] { " + string.Join(",", Enumerable.Repeat("1", 950)) + " }";
        using var folder = WithRule("big.SelectMany(a => big).Count() > 0 && facts.Topics != null", budget: 100_000);
        folder.EditJson("topics.json", workflow => workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "big", ["Expression"] = wide }));

        var ex = Assert.Throws<RuleEvaluationException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(Profiles.Minimal() with { Topics = [] }));

        Assert.Equal("topics.skip-low-yield", ex.Rule);
        Assert.Contains("budget of 100000 steps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_ConcatDoubledThroughParameters_IsMeteredPerElement()
    {
        // Each parameter doubles the sequence: 2^12 copies of ten, 40,960 elements from no lambda at all.
        using var folder = WithRule("d12.Distinct().Count() > 0 && facts.Topics != null", budget: 10_000);
        folder.EditJson("topics.json", workflow =>
        {
            workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "d0", ["Expression"] = "ten" });
            for (var i = 1; i <= 12; i++)
            {
                workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = $"d{i}", ["Expression"] = $"d{i - 1}.Concat(d{i - 1})" });
            }
        });

        var ex = Assert.Throws<RuleEvaluationException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(Profiles.Minimal() with { Topics = [] }));

        Assert.Contains("budget of 10000 steps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_TextGrowingByReplace_StopsAtTheCapNamingTheRule()
    {
        // Each Replace multiplies the length by ten: 10^6 characters at the fifth, past the cap of 100,000.
        using var folder = WithRule("tenXs" + string.Concat(Enumerable.Repeat(".Replace(\"x\", tenXs)", 8)) + ".Length > 0");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var ex = Assert.Throws<RuleEvaluationException>(() => advisor.Advise(Profiles.Minimal()));

        Assert.Equal("topics.skip-low-yield", ex.Rule);
        Assert.Contains("an expression built a text of 1000000 characters; at most 100000 are allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdviseAsync_AbandonedCallInALongRule_StopsSoonAfterTheCancel()
    {
        var nested = "ten" + string.Concat(Enumerable.Repeat(".SelectMany(a => ten)", 11)) + ".Count() > 0";
        using var folder = WithRule(nested, budget: 1_000_000_000);
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        using var abandoned = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await advisor.AdviseAsync(Profiles.Minimal(), abandoned.Token));

        // A billion steps take minutes; the call stops at the next checkpoint after the cancel. The bound is loose
        // (a busy machine), the point is that it stops at all.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopped after {clock.Elapsed}");
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1_000_000_001)]
    public void Load_BudgetOutOfRange_IsAnError(long budget)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["evaluationBudget"] = budget);

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal(("ruleset.json", "$.evaluationBudget"), (error.File, error.Path));
    }

    [Fact]
    public void Load_ConstantTextDoubledThroughParameters_StopsAtTheCap()
    {
        // s0 is 10 characters, sN = sN-1 + sN-1: folded at load, s14 would be 163,840.
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("topics.json", workflow =>
        {
            var parameters = workflow["GlobalParams"]!.AsArray();
            parameters.Add(new JsonObject { ["Name"] = "s0", ["Expression"] = "\"xxxxxxxxxx\"" });
            for (var i = 1; i <= 14; i++)
            {
                parameters.Add(new JsonObject { ["Name"] = $"s{i}", ["Expression"] = $"s{i - 1} + s{i - 1}" });
            }
        });

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors[0];

        Assert.Equal("$.GlobalParams[21].Expression", error.Path);
        Assert.Equal("its value cannot be computed: an expression built a text of 163840 characters; at most 100000 are allowed", error.Message);
    }

    [Fact]
    public void Load_ConstantThatWouldNeverFinish_StopsLoadingWithAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("topics.json", workflow =>
        {
            workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "ten", ["Expression"] = "new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }" });
            workflow["GlobalParams"]!.AsArray().Add(new JsonObject { ["Name"] = "huge", ["Expression"] = "ten" + string.Concat(Enumerable.Repeat(".SelectMany(a => ten)", 11)) + ".Count()" });
        });

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal("$.GlobalParams[8].Expression", error.Path);
        Assert.StartsWith("its value cannot be computed: the call used its budget of", error.Message, StringComparison.Ordinal);
    }
}
