using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// A text whose placeholders only choose between texts fixed at load is written once per choice at load; a call
/// picks one and builds no string. <see cref="TemplateWriterTests"/> holds such texts equal to the plain rendering;
/// these check that they are chosen, which ones are not, and the facts taken from the manifest.
/// </summary>
public sealed class TemplateChoicesTests
{
    [Fact]
    public void Compile_APlaceholderThatOnlyChooses_IsWrittenOncePerChoice()
    {
        var template = TemplateCompiler.Compile(new ExpressionCompiler(), "{facts.AttemptsLeft > 0 ? \"The exam\" : \"Whatever comes next\"} can wait", ExpressionScope.Root);

        Assert.NotNull(template.Choose);
        Assert.Equal(["Whatever comes next can wait", "The exam can wait"], template.Choices!);
        var first = template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 2 }, null);
        var second = template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 1 }, null);
        Assert.Equal("The exam can wait", first);
        Assert.Same(first, second);
        Assert.Equal("Whatever comes next can wait", template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 0 }, null));
    }

    [Fact]
    public void Compile_NestedChoicesAndConcatenations_TakeTheBranchTheWriterWould()
    {
        var template = TemplateCompiler.Compile(
            new ExpressionCompiler(),
            "{facts.AttemptsLeft > 0 ? (facts.FailedAttemptCount == 1 ? \"A second\" : \"Another\") + \" run\" : \"This\"} ({facts.SchoolContacted == true ? 1 : 2})",
            ExpressionScope.Root);

        Assert.NotNull(template.Choose);
        Assert.Equal("A second run (1)", template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 1, FailedAttemptCount = 1, SchoolContacted = true }, null));
        Assert.Equal("Another run (2)", template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 1, FailedAttemptCount = 2 }, null));
        Assert.Equal("This (2)", template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 0, FailedAttemptCount = 1, SchoolContacted = false }, null));
    }

    [Theory]
    [InlineData("{facts.AttemptsLeft > 0 ? \"left: \" + facts.AttemptsLeft : \"none\"}")] // a branch reads input
    [InlineData("you rated it {facts.Distress}")]
    [InlineData("{facts.AttemptsLeft > 0 ? \"a\" : \"b\"}{facts.AttemptsLeft > 1 ? \"a\" : \"b\"}{facts.AttemptsLeft > 2 ? \"a\" : \"b\"}{facts.AttemptsLeft > 3 ? \"a\" : \"b\"}{facts.AttemptsLeft > 4 ? \"a\" : \"b\"}{facts.AttemptsLeft > 5 ? \"a\" : \"b\"}")] // 64 texts
    public void Compile_APlaceholderThatDoesMoreThanChoose_IsWrittenPerCall(string text)
    {
        var template = TemplateCompiler.Compile(new ExpressionCompiler(), text, ExpressionScope.Root);

        Assert.Null(template.Choose);
        Assert.False(template.IsConstant);
    }

    [Fact]
    public void Compile_AChoiceThatThrows_IsWrittenPerCallAndFailsThere()
    {
        var template = TemplateCompiler.Compile(new ExpressionCompiler(), "{facts.AttemptsLeft > 0 ? \"x\".Substring(5) : \"fine\"}", ExpressionScope.Root);

        Assert.Null(template.Choose);
        Assert.Equal("fine", template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 0 }, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => template.Render(new RetakeProfile(), new AdviceFacts { AttemptsLeft = 1 }, null));
    }

    [Fact]
    public void Load_TextsThatReadOnlyTheManifestsTables_AreConstantOrChosen()
    {
        var rules = RetakeAdvisor.Create().Rules;
        var crisis = rules.Rules.Single(r => r.Id == "wellbeing.crisis-support").Card!;
        var selfCare = rules.Rules.Single(r => r.Id == "resilience.self-care").Card!;

        Assert.True(crisis.Summary.IsConstant); // {facts.CrisisLines.Select(…)}
        Assert.Contains(rules.Manifest.CrisisLines[0].Contact, crisis.Summary.ConstantText, StringComparison.Ordinal);
        Assert.NotNull(crisis.Detail!.Choose); // the lines, and {facts.AttemptsLeft > 0 ? …}
        Assert.NotNull(selfCare.Detail!.Choose);
    }

    [Fact]
    public void ManifestFacts_AreTheValuesEveryCallsFactsCarry()
    {
        var rules = RetakeAdvisor.Create().Rules;
        var facts = AdvicePipeline.Prepare(rules, Profiles.Minimal(), new DateOnly(2026, 11, 27));
        var manifestFacts = new ManifestFacts(rules.Manifest);

        Assert.NotEmpty(manifestFacts.Members);
        foreach (var member in manifestFacts.Members.Cast<System.Reflection.PropertyInfo>())
        {
            var substituted = (System.Linq.Expressions.ConstantExpression)manifestFacts.Substitute(System.Linq.Expressions.Expression.Property(ExpressionScope.Facts, member));
            Assert.Equal(member.GetValue(facts), substituted.Value);
        }
    }
}
