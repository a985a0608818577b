using System.Globalization;
using System.Text;
using RetakeAdvice.Model;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// Templates write each placeholder through a typed writer, write string concatenation piece by piece and fold
/// placeholders that read no input into the text at load. The reference here is the plain way: each placeholder
/// compiled to a boxed value and appended with <see cref="Template.Append"/>, under the invariant culture as
/// evaluation runs. Both must give the same text for every value, null included.
/// </summary>
public sealed class TemplateWriterTests
{
    public static TheoryData<string> Templates() =>
    [
        "{facts.DaysUntilExam}",
        "{facts.LatestFailureScore} of {facts.PassingStandard}",
        "about {facts.PointsBelowPassing} points",
        "{facts.StudyHoursPerDay}h, {facts.RestDaysPerWeek} days",
        "on {facts.LatestFailureDate}, exam {facts.ExamDate}",
        "{facts.AttemptsLeft > 1}, {facts.SchoolContacted}",
        "{facts.FailureBand}",
        "{\"x\" + facts.FailureBand + \"y\"}",
        "{facts.PracticeExamCount == 0 ? \"none\" : \"b \" + facts.DaysUntilExam + \" d \" + facts.PointsBelowPassing}",
        "{facts.TargetScore >= 250 ? \"aim \" + facts.TargetScore + \" (\" + facts.StudyHoursPerDay + \"h)\" : \"\"}",
        "{\"since \" + facts.LatestFailureDate}",
        "{\"as of \" + facts.AsOf + \", \" + (facts.AttemptLimit * 1000000000L)}",
        "{facts.AttemptLimit * 1000000000L} and {facts.AsOf}",
        "{Math.Round(facts.PointsBelowPassing.Value, 1) + \"% of \" + facts.AttemptLimit}",
        "{facts.Topics.Select(t => t.Name + \" (\" + t.Seen + \")\")}",
        "{facts.Topics.Where(t => t.Weight > 1).Select(t => t.Weight)}",
        "{facts.CoreResources}",
        "{6 * 7} items, {\"con\" + \"stant\"}, {1.5 * 3}",
        "{facts.TargetSpecialtyIsCompetitive == true ? facts.TargetSpecialty + \" is competitive\" : null}",
        // Placeholders that only choose between texts fixed at load (TemplateChoices): written once per choice.
        "{facts.AttemptsLeft > 0 ? \"The exam\" : \"Whatever comes next\"} can wait",
        "{facts.AttemptsLeft > 0 ? (facts.FailedAttemptCount == 1 ? \"A second\" : \"Another\") + \" run\" : \"This\"}, {facts.SchoolContacted == true ? 1 : 2}x",
        "{facts.Distress >= 7 ? 2.5 : -0.0} and {facts.AttemptsLeft == 1 ? \"last \" + (6 * 7) + \" of \" + 1.25 : null}",
        "{facts.AttemptsLeft == 1 ? \"a\" : facts.AttemptsLeft == 2 ? \"b\" : facts.AttemptsLeft == 3 ? \"c\" : facts.AttemptsLeft == 4 ? \"d\" : facts.AttemptsLeft == 5 ? \"e\" : facts.AttemptsLeft == 0 ? \"none\" : \"many\"}",
        "{facts.SchoolContacted.Value ? \"yes\" : \"no\"}",
        // A list of texts its items make is written item by item (RuleRuntime.WriteEach), joined as any list.
        "{facts.Topics.Select(t => t.Seen > 1 ? t.Name : \"few \" + t.Seen)} and {facts.Topics.Select(t => t.Discipline)}",
        "{facts.Topics.Where(t => t.Weight > 1).Select(t => t.Name + \": \" + t.Weight + \" x \" + t.Incorrect)}.",
    ];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_IsTheBoxedRendering(string text)
    {
        var compiler = new ExpressionCompiler();
        var template = TemplateCompiler.Compile(compiler, text, ExpressionScope.Root);
        foreach (var facts in FactsVariants())
        {
            var expected = Reference(compiler, text, facts);

            var actual = Invariant(() => template.Render(new RetakeProfile(), facts, null));

            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(12.0)]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(-1e-9)]
    [InlineData(1e14)]
    [InlineData(999999999999999.0)]
    [InlineData(1e15)]
    [InlineData(-1e16)]
    [InlineData(2.5)]
    [InlineData(-7.255)]
    [InlineData(0.004)]
    [InlineData(-0.004)]
    [InlineData(double.MaxValue)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Write_ANumber_IsItsTwoDecimalFormNeverMinusZero(double value)
    {
        var expected = value.ToString("0.##", CultureInfo.InvariantCulture) is "-0" ? "0" : value.ToString("0.##", CultureInfo.InvariantCulture);
        var text = new StringBuilder();

        Template.Write(text, value);

        Assert.Equal(expected, text.ToString());
    }

    [Theory]
    [InlineData(12.0)]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(1e14)]
    [InlineData(999999999999999.0)]
    [InlineData(1e15)]
    [InlineData(-1e16)]
    [InlineData(2.5)]
    [InlineData(0.30000000000000004)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void WriteConverted_ANumber_IsWhatConcatWritesUnderTheInvariantCulture(double value)
    {
        var text = new StringBuilder();

        Template.WriteConverted(text, value);

        Assert.Equal((value + 0.0).ToString(CultureInfo.InvariantCulture), text.ToString());
    }

    [Fact]
    public void Write_NegativeZero_IsZero()
    {
        var text = new StringBuilder();

        Template.Write(text, -0.0);
        Template.WriteConverted(text, -0.0);

        Assert.Equal("00", text.ToString());
    }

    [Theory]
    [InlineData(2026, 11, 30)]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(9999, 12, 31)]
    public void Write_ADate_IsIso(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var text = new StringBuilder();

        Template.Write(text, date);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text.ToString());
    }

    [Fact]
    public void Compile_AListOfTextsItsItemsMake_IsWrittenItemByItemWithoutBuildingThem()
    {
        using (DelegateCompiler.Recording())
        {
            var template = TemplateCompiler.Compile(new ExpressionCompiler(), "{facts.Topics.Select(t => t.Name + \" (\" + t.Seen + \")\")}", ExpressionScope.Root);

            var writer = DelegateCompiler.RecordedLambda(template.Writers.Single())!.ToString();
            Assert.Contains(nameof(RetakeAdvice.Precompiled.RuleRuntime.WriteEach), writer, StringComparison.Ordinal);
            Assert.DoesNotContain("Concat", writer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_PlaceholdersThatReadNoInput_AreFoldedIntoTheText()
    {
        var template = TemplateCompiler.Compile(new ExpressionCompiler(), "{6 * 7} items, {1.5 * 3}, {{x}}", ExpressionScope.Root);

        Assert.True(template.IsConstant);
        Assert.Equal("42 items, 4.5, {x}", template.ConstantText);
    }

    [Fact]
    public void Load_FoldedNumbers_AreInvariantWhateverTheLoadingCulture()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["summary"] = "{1.5 * 3} and {\"\" + 2.25}");
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

            var card = advisor.Advise(Profiles.Minimal() with { School = new SchoolStatus { Contacted = false } }).Recommendations.Single(r => r.Id == "school.contact-now");
            Assert.Equal("4.5 and 2.25", card.Summary);
            Assert.Equal("de-DE", CultureInfo.CurrentCulture.Name); // loading and advice leave the caller's culture as it was
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static IEnumerable<AdviceFacts> FactsVariants()
    {
        yield return new AdviceFacts();
        yield return new AdviceFacts
        {
            DaysUntilExam = -3,
            LatestFailureScore = 188,
            PassingStandard = 196,
            PointsBelowPassing = 7.255,
            StudyHoursPerDay = 10.5,
            RestDaysPerWeek = 0.333,
            LatestFailureDate = new DateOnly(2026, 9, 1),
            ExamDate = new DateOnly(2027, 2, 14),
            AttemptsLeft = 2,
            AttemptLimit = 4,
            SchoolContacted = false,
            FailureBand = "near",
            PracticeExamCount = 2,
            TargetScore = 260,
            TargetSpecialty = "Dermatology",
            TargetSpecialtyIsCompetitive = true,
            CoreResources = ["UWorld", "First Aid"],
            Topics = [],
        };
        yield return new AdviceFacts
        {
            PracticeExamCount = 0,
            PointsBelowPassing = 12,
            TargetScore = 240,
            TargetSpecialtyIsCompetitive = false,
        };
        yield return new AdviceFacts { AttemptsLeft = 1, FailedAttemptCount = 1, SchoolContacted = true, Distress = 8 };
        yield return new AdviceFacts { AttemptsLeft = 0, FailedAttemptCount = 3, Distress = 2, SchoolContacted = false };
        yield return new AdviceFacts { AttemptsLeft = 3, FailedAttemptCount = 1, Distress = 7 };
        yield return new AdviceFacts
        {
            Topics =
            [
                new TopicFact(new TopicResult { Name = " Renal ", Discipline = "Physiology", Seen = 2, Incorrect = 1 }, 1.5),
                new TopicFact(new TopicResult { Name = "Cardiac", Seen = null }, 1.0),
                new TopicFact(new TopicResult { Name = "Acid-base", Discipline = "Physiology", Seen = 0, Incorrect = 0 }, 2.25),
            ],
        };
    }

    private static string Reference(ExpressionCompiler compiler, string text, AdviceFacts facts)
    {
        // Split like the template compiler does (no nested braces in these cases), compile each placeholder to
        // a boxed value, append it the general way.
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{')
            {
                var end = text.IndexOf('}', i);
                var value = compiler.Compile<object?>(text[(i + 1)..end], ExpressionScope.Root);
                var rendered = Invariant(() =>
                {
                    var part = new StringBuilder();
                    Template.Append(part, value(new RetakeProfile(), facts, null));
                    return part.ToString();
                });
                if (rendered.StartsWith("threw ", StringComparison.Ordinal))
                {
                    return rendered;
                }

                result.Append(rendered);

                i = end + 1;
            }
            else
            {
                result.Append(text[i++]);
            }
        }

        return result.ToString();
    }

    private static string Invariant(Func<string> render)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return render();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return "threw " + ex.GetType().Name;
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
