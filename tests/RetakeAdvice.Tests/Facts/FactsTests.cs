using Microsoft.Extensions.Time.Testing;
using RetakeAdvice.Evaluation;

namespace RetakeAdvice.Tests.Facts;

/// <summary>Spec section 1, derived facts: computed once in C# from the profile and the manifest's tables.</summary>
public sealed class FactsTests
{
    private static AdviceFacts Build(RetakeProfile profile) =>
        FactsBuilder.Build(profile, Shipped.Manifest, profile.AsOf ?? Profiles.AsOf, keptValues: 0);

    private static RetakeProfile WithAttempts(params FailedAttempt[] attempts) => Profiles.Minimal() with { FailedAttempts = attempts };

    private static FailedAttempt Attempt(int year, int month, int day, int? score = null, double? points = null, int? passing = null) =>
        new() { Date = new DateOnly(year, month, day), Score = score, PointsBelowPassing = points, PassingScore = passing };

    private static PracticeExam Exam(string name, int year, int month, int day, int? score = null, double? percent = null, double? probability = null) =>
        new() { Name = name, Date = new DateOnly(year, month, day), Score = score, PercentCorrect = percent, PassProbability = probability };

    // ---- passing standards ----

    [Theory]
    [InlineData("2010-06-01", 192)] // before the table's first entry: the first standard
    [InlineData("2013-12-31", 192)]
    [InlineData("2014-01-01", 192)]
    [InlineData("2017-12-31", 192)]
    [InlineData("2018-01-01", 194)]
    [InlineData("2022-01-25", 194)]
    [InlineData("2022-01-26", 196)]
    [InlineData("2030-01-01", 196)]
    public void StandardOn_Date_GivesTheStandardInForce(string date, int standard)
    {
        var actual = Shipped.Manifest.StandardOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(standard, actual);
    }

    [Theory]
    [InlineData(2017, 12, 31, 185, 7)]
    [InlineData(2018, 1, 1, 185, 9)]
    [InlineData(2022, 1, 25, 185, 9)]
    [InlineData(2022, 1, 26, 185, 11)]
    public void Build_ScoreWithoutPassingScore_UsesTheStandardOfTheExamDate(int year, int month, int day, int score, double points)
    {
        var facts = Build(WithAttempts(Attempt(year, month, day, score: score)));

        Assert.Equal(points, facts.PointsBelowPassing);
        Assert.Equal(score + (int)points, facts.PassingStandard);
        Assert.Equal(score, facts.LatestFailureScore);
    }

    // ---- points below passing ----

    [Fact]
    public void Build_ArticleExample188Under194_IsSixPointsNear()
    {
        var facts = Build(WithAttempts(Attempt(2019, 6, 1, score: 188)));

        Assert.Equal(6, facts.PointsBelowPassing);
        Assert.Equal("near", facts.FailureBand);
    }

    [Fact]
    public void Build_ExplicitPassingScore_WinsOverTheTable()
    {
        var facts = Build(WithAttempts(Attempt(2019, 6, 1, score: 188, passing: 200)));

        Assert.Equal(200, facts.PassingStandard);
        Assert.Equal(12, facts.PointsBelowPassing);
        Assert.Equal("moderate", facts.FailureBand);
    }

    [Fact]
    public void Build_EstimateOnly_UsesTheEstimate()
    {
        var facts = Build(WithAttempts(Attempt(2026, 10, 1, points: 7.5)));

        Assert.Equal(7.5, facts.PointsBelowPassing);
        Assert.Null(facts.LatestFailureScore);
        Assert.Equal(196, facts.PassingStandard);
    }

    [Fact]
    public void Build_NeitherScoreNorEstimate_PointsAndBandUnknown()
    {
        var facts = Build(WithAttempts(Attempt(2026, 10, 1)));

        Assert.Null(facts.PointsBelowPassing);
        Assert.Null(facts.FailureBand);
    }

    [Theory]
    [InlineData(0.5, "near")]
    [InlineData(10, "near")]
    [InlineData(10.5, "moderate")]
    [InlineData(19.9, "moderate")]
    [InlineData(20, "low")]
    [InlineData(45, "low")]
    public void Build_PointsBelowPassing_FallsInItsBand(double points, string band)
    {
        var facts = Build(WithAttempts(Attempt(2026, 10, 1, points: points)));

        Assert.Equal(band, facts.FailureBand);
    }

    [Fact]
    public void Build_ArticleExample165_IsLowBand()
    {
        var facts = Build(WithAttempts(Attempt(2019, 6, 1, score: 165)));

        Assert.Equal(29, facts.PointsBelowPassing);
        Assert.Equal("low", facts.FailureBand);
    }

    // ---- latest failure ----

    [Fact]
    public void Build_SeveralAttempts_LatestByDateDecidesNotListOrder()
    {
        var facts = Build(WithAttempts(
            Attempt(2026, 10, 1, points: 25),
            Attempt(2026, 3, 1, points: 4),
            Attempt(2025, 5, 1, points: 12)));

        Assert.Equal(new DateOnly(2026, 10, 1), facts.LatestFailureDate);
        Assert.Equal(25, facts.PointsBelowPassing);
        Assert.Equal(3, facts.FailedAttemptCount);
    }

    [Fact]
    public void Build_AttemptsOnTheSameDate_TheLaterListedWins()
    {
        var facts = Build(WithAttempts(
            Attempt(2026, 10, 1, points: 3),
            Attempt(2026, 10, 1, points: 15),
            Attempt(2025, 1, 1, points: 30)));

        Assert.Equal(15, facts.PointsBelowPassing);
    }

    // ---- practice exams ----

    [Fact]
    public void Build_PracticeExams_LatestIsTheLatestDatedAfterTheFailure()
    {
        var profile = Profiles.Minimal() with
        {
            PracticeExams =
            [
                Exam("NBME 30", 2026, 11, 20, percent: 70),
                Exam("NBME 25", 2026, 9, 1, percent: 40),   // before the failure
                Exam("NBME 31", 2026, 11, 25, percent: 60),
                Exam("NBME 29", 2026, 10, 15, percent: 50),
            ],
        };

        var facts = Build(profile);

        Assert.Equal("NBME 31", facts.LatestPracticeExam!.Name);
        Assert.Equal(4, facts.PracticeExamCount);
        Assert.Equal(3, facts.PracticeExamsSinceFailure);
    }

    [Fact]
    public void Build_PracticeExamOnTheFailureDay_IsNotAfterTheFailure()
    {
        var profile = Profiles.Minimal() with { PracticeExams = [Exam("NBME 30", 2026, 10, 1, percent: 70)] };

        var facts = Build(profile);

        Assert.Null(facts.LatestPracticeExam);
        Assert.Null(facts.PracticeVerdict);
        Assert.Equal(0, facts.PracticeExamsSinceFailure);
        Assert.Equal(1, facts.PracticeExamCount);
    }

    [Fact]
    public void Build_PracticeExamTheDayAfterTheFailure_Counts()
    {
        var profile = Profiles.Minimal() with { PracticeExams = [Exam("NBME 30", 2026, 10, 2, percent: 70)] };

        var facts = Build(profile);

        Assert.Equal("NBME 30", facts.LatestPracticeExam!.Name);
        Assert.Equal(1, facts.PracticeExamsSinceFailure);
    }

    [Fact]
    public void Build_PracticeExamsOnTheSameLatestDate_TheLaterListedWins()
    {
        var profile = Profiles.Minimal() with
        {
            PracticeExams = [Exam("UWSA 1", 2026, 11, 20, percent: 70), Exam("NBME 31", 2026, 11, 20, percent: 55)],
        };

        var facts = Build(profile);

        Assert.Equal("NBME 31", facts.LatestPracticeExam!.Name);
        Assert.Equal("failed", facts.PracticeVerdict);
    }

    [Fact]
    public void Build_LatestFailureAfterSomeExams_OnlyLaterExamsCount()
    {
        var profile = WithAttempts(Attempt(2025, 6, 1, points: 5), Attempt(2026, 10, 1, points: 5)) with
        {
            PracticeExams = [Exam("NBME 28", 2025, 9, 1, percent: 70)],
        };

        var facts = Build(profile);

        Assert.Null(facts.LatestPracticeExam);
        Assert.Equal(0, facts.PracticeExamsSinceFailure);
    }

    [Fact]
    public void Build_AllThreeMeasures_ProbabilityDecides()
    {
        var profile = Profiles.Minimal() with
        {
            PracticeExams = [Exam("NBME 31", 2026, 11, 20, score: 230, percent: 80, probability: 0.1)],
        };

        var facts = Build(profile);

        Assert.Equal("failed", facts.PracticeVerdict);
        Assert.Equal("passProbability", facts.LatestPracticeExam!.Measure);
    }

    [Fact]
    public void Build_PercentAndScore_PercentDecides()
    {
        var profile = Profiles.Minimal() with
        {
            PracticeExams = [Exam("NBME 31", 2026, 11, 20, score: 150, percent: 70)],
        };

        var facts = Build(profile);

        Assert.Equal("passed", facts.PracticeVerdict);
        Assert.Equal("percentCorrect", facts.LatestPracticeExam!.Measure);
    }

    [Fact]
    public void Build_ScoreOnly_ScoreDecides()
    {
        var profile = Profiles.Minimal() with { PracticeExams = [Exam("NBME 18", 2026, 11, 20, score: 230)] };

        var facts = Build(profile);

        Assert.Equal("passed", facts.PracticeVerdict);
        Assert.Equal("score", facts.LatestPracticeExam!.Measure);
        Assert.Equal(196, facts.LatestPracticeExam.Standard);
    }

    [Theory]
    [InlineData(0.7, "passed")]
    [InlineData(0.69, "close")]
    [InlineData(0.5, "close")]
    [InlineData(0.49, "failed")]
    [InlineData(0.3, "failed")]
    public void Build_Probability_JudgedAgainstLineAndCloseLine(double probability, string verdict)
    {
        var profile = Profiles.Minimal() with { PracticeExams = [Exam("NBME 31", 2026, 11, 20, probability: probability)] };

        Assert.Equal(verdict, Build(profile).PracticeVerdict);
    }

    [Theory]
    [InlineData(68, "passed")]
    [InlineData(67.9, "close")]
    [InlineData(65, "close")]
    [InlineData(60, "close")]
    [InlineData(59.9, "failed")]
    public void Build_PercentCorrect_JudgedAgainstLineAndMargin(double percent, string verdict)
    {
        var profile = Profiles.Minimal() with { PracticeExams = [Exam("NBME 31", 2026, 11, 20, percent: percent)] };

        Assert.Equal(verdict, Build(profile).PracticeVerdict);
    }

    [Theory]
    [InlineData(196, "passed")]
    [InlineData(195, "close")]
    [InlineData(186, "close")]
    [InlineData(185, "failed")]
    public void Build_ThreeDigitScore_JudgedAgainstStandardAndMargin(int score, string verdict)
    {
        var profile = Profiles.Minimal() with { PracticeExams = [Exam("NBME 18", 2026, 11, 20, score: score)] };

        Assert.Equal(verdict, Build(profile).PracticeVerdict);
    }

    [Theory]
    [InlineData(2022, 1, 25, "passed", 194)] // the day before the standard rose to 196
    [InlineData(2022, 1, 26, "close", 196)]
    public void Build_ThreeDigitScore_JudgedAgainstTheStandardOnThePracticeExamsOwnDate(int year, int month, int day, string verdict, int standard)
    {
        var profile = new RetakeProfile
        {
            AsOf = new DateOnly(2022, 3, 1),
            FailedAttempts = [Attempt(2021, 12, 1, score: 185)], // failed under 194
            PracticeExams = [Exam("NBME 18", year, month, day, score: 195)],
        };

        var facts = Build(profile);

        Assert.Equal(verdict, facts.PracticeVerdict);
        Assert.Equal(standard, facts.LatestPracticeExam!.Standard);
        Assert.Equal(194, facts.PassingStandard);
    }

    [Fact]
    public void Build_NoPracticeExamsGiven_PracticeFactsUnknown()
    {
        var facts = Build(Profiles.Minimal());

        Assert.Null(facts.PracticeExamCount);
        Assert.Null(facts.PracticeExamsSinceFailure);
        Assert.Null(facts.LatestPracticeExam);
        Assert.Null(facts.PracticeVerdict);
    }

    [Fact]
    public void Build_EmptyPracticeExams_KnownToBeNone()
    {
        var facts = Build(Profiles.Minimal() with { PracticeExams = [] });

        Assert.Equal(0, facts.PracticeExamCount);
        Assert.Equal(0, facts.PracticeExamsSinceFailure);
        Assert.Null(facts.LatestPracticeExam);
    }

    // ---- resources ----

    [Theory]
    [InlineData("UW", "UWorld")]
    [InlineData(" uworld ", "UWorld")]
    [InlineData("uworld qbank", "UWorld")]
    [InlineData("FA", "First Aid")]
    [InlineData("fa", "First Aid")]
    [InlineData("  Costanzo BRS", "BRS Physiology")]
    [InlineData("Zanki", "Anki")]
    [InlineData("B&B", "Boards and Beyond")]
    [InlineData(" BRS Pathology ", "BRS Pathology")]
    [InlineData("Kaplan Lecture Notes", "Kaplan Lecture Notes")]
    public void Build_ResourceName_NormalizedThroughTheAliasTable(string name, string canonical)
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = [name] });

        var resource = Assert.Single(facts.PlannedResources!);
        Assert.Equal(canonical, resource.CanonicalName);
        Assert.Equal(name.Trim(), resource.Name);
    }

    [Theory]
    [InlineData("uw", true)]
    [InlineData("pathoma", true)]
    [InlineData("BRS Physio", true)]
    [InlineData("First Aid Step 1", true)]
    [InlineData("Anki", false)]
    [InlineData("BRS Pathology", false)]
    public void Build_Resource_CoreAfterAliases(string name, bool core)
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = [name] });

        Assert.Equal(core, Assert.Single(facts.PlannedResources!).IsCore);
    }

    [Fact]
    public void Build_AliasesOfOneResource_CountOnce()
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = ["UW", "UWorld", " uworld ", "Anki", "AnKing", "brs pathology", "BRS Pathology "] });

        Assert.Equal(3, facts.PlannedResourceCount);
        Assert.Equal(["UWorld", "Anki", "brs pathology"], facts.PlannedResources!.Select(r => r.CanonicalName));
    }

    [Fact]
    public void Build_SameSetAfterAliases_SameResourcesAsBefore()
    {
        var facts = Build(Profiles.Minimal() with
        {
            PreviousResources = ["UWorld", "First Aid", "BRS Pathology", "BRS Physiology"],
            PlannedResources = ["brs physiology", "FA", "UW", " BRS Pathology", "UWorld QBank"],
        });

        Assert.True(facts.SameResourcesAsBefore);
    }

    [Fact]
    public void Build_OneResourceAdded_NotTheSameResources()
    {
        var facts = Build(Profiles.Minimal() with
        {
            PreviousResources = ["UWorld", "First Aid"],
            PlannedResources = ["UW", "FA", "Pathoma"],
        });

        Assert.False(facts.SameResourcesAsBefore);
    }

    [Fact]
    public void Build_OneResourceSwapped_NotTheSameResources()
    {
        var facts = Build(Profiles.Minimal() with
        {
            PreviousResources = ["UWorld", "First Aid"],
            PlannedResources = ["UW", "Pathoma"],
        });

        Assert.False(facts.SameResourcesAsBefore);
    }

    [Fact]
    public void Build_PreviousResourcesUnknown_SamenessUnknown()
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = ["UWorld"] });

        Assert.Null(facts.SameResourcesAsBefore);
        Assert.Null(facts.PreviousResources);
    }

    [Fact]
    public void Build_MissingCoreResources_InManifestOrder()
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = ["pathoma", "Sketchy"] });

        Assert.Equal(["UWorld", "BRS Physiology", "First Aid"], facts.MissingCoreResources);
    }

    [Fact]
    public void Build_EveryCoreResourceByAlias_NoneMissing()
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = ["UW", "Sattar", "Costanzo BRS", "FA"] });

        Assert.Empty(facts.MissingCoreResources!);
    }

    [Fact]
    public void Build_PlanUnknown_ResourceFactsUnknown()
    {
        var facts = Build(Profiles.Minimal());

        Assert.Null(facts.PlannedResources);
        Assert.Null(facts.PlannedResourceCount);
        Assert.Null(facts.MissingCoreResources);
        Assert.Equal(["UWorld", "Pathoma", "BRS Physiology", "First Aid"], facts.CoreResources);
    }

    [Fact]
    public void Build_EmptyPlan_EveryCoreResourceMissing()
    {
        var facts = Build(Profiles.Minimal() with { PlannedResources = [] });

        Assert.Equal(0, facts.PlannedResourceCount);
        Assert.Equal(["UWorld", "Pathoma", "BRS Physiology", "First Aid"], facts.MissingCoreResources);
    }

    // ---- topics, specialties ----

    [Theory]
    [InlineData("pathology", 50)]
    [InlineData("physiology", 35)]
    [InlineData(" Physiology ", 35)]
    [InlineData("PHARMACOLOGY", 15)]
    [InlineData("biostatistics", 5)]
    [InlineData("Biostatistics and epidemiology", 5)]
    [InlineData("immunology", 10)]
    [InlineData("embryology", 15)]
    [InlineData(" Gross Anatomy ", 15)]
    [InlineData("astrology", 10)]
    [InlineData(null, 10)]
    public void Build_TopicDiscipline_WeightIgnoresCaseAndSpaces(string? discipline, double weight)
    {
        var facts = Build(Profiles.Minimal() with { Topics = [new TopicResult { Name = "Topic", Discipline = discipline, Seen = 5, Incorrect = 3 }] });

        var topic = Assert.Single(facts.Topics!);
        Assert.Equal(weight, topic.Weight);
        Assert.Equal(discipline?.Trim(), topic.Discipline); // shown in card texts without the padding
    }

    [Theory]
    [InlineData("neurosurgery", true)]
    [InlineData(" NeuroSurgery ", true)]
    [InlineData("NEUROSURGERY", true)]
    [InlineData("pediatrics", false)]
    [InlineData("neuro surgery", false)]
    public void Build_TargetSpecialty_CompetitiveIgnoringCase(string specialty, bool competitive)
    {
        var facts = Build(Profiles.Minimal() with { TargetSpecialty = specialty });

        Assert.Equal(competitive, facts.TargetSpecialtyIsCompetitive);
        Assert.Equal(specialty.Trim(), facts.TargetSpecialty);
    }

    [Fact]
    public void Build_NoTargetSpecialty_CompetitivenessUnknown()
    {
        var facts = Build(Profiles.Minimal());

        Assert.Null(facts.TargetSpecialtyIsCompetitive);
    }

    // ---- dates and attempts ----

    [Theory]
    [InlineData(2026, 11, 27, 0)]
    [InlineData(2026, 12, 8, 11)]
    [InlineData(2027, 1, 1, 35)]
    public void Build_ExamDate_DaysUntilExamFromAsOf(int year, int month, int day, int days)
    {
        var facts = Build(Profiles.Minimal() with { ExamDate = new DateOnly(year, month, day) });

        Assert.Equal(days, facts.DaysUntilExam);
    }

    [Fact]
    public void Build_NoExamDate_DaysUntilExamUnknown()
    {
        var facts = Build(Profiles.Minimal());

        Assert.Null(facts.DaysUntilExam);
        Assert.Null(facts.ExamDate);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(6, 0)]
    public void Build_FailedAttempts_AttemptsLeftNeverNegative(int failures, int left)
    {
        var attempts = Enumerable.Range(0, failures).Select(i => Attempt(2020 + i, 1, 1, points: 5)).ToArray();

        var facts = Build(WithAttempts(attempts));

        Assert.Equal(failures, facts.FailedAttemptCount);
        Assert.Equal(left, facts.AttemptsLeft);
        Assert.Equal(4, facts.AttemptLimit);
    }

    [Fact]
    public void Build_MinimalProfile_EveryOptionalFactStaysUnknown()
    {
        var facts = Build(Profiles.Minimal());

        Assert.Multiple(
            () => Assert.Null(facts.DaysSinceResult),
            () => Assert.Null(facts.SchoolContacted),
            () => Assert.Null(facts.RetakeApproved),
            () => Assert.Null(facts.RotationsAdjusted),
            () => Assert.Null(facts.Distress),
            () => Assert.Null(facts.ThoughtsOfSelfHarm),
            () => Assert.Null(facts.HasConfidant),
            () => Assert.Null(facts.Mentors),
            () => Assert.Null(facts.SameApproachAsBefore),
            () => Assert.Null(facts.Topics),
            () => Assert.Null(facts.StudyHoursPerDay),
            () => Assert.Null(facts.RestDaysPerWeek),
            () => Assert.Null(facts.PlannedTimeOffMonths),
            () => Assert.Null(facts.TargetScore));
    }

    [Fact]
    public void Build_EmptyLists_AreKnownNotUnknown()
    {
        var facts = Build(Profiles.Minimal() with { Mentors = [], Topics = [] });

        Assert.Empty(facts.Mentors!);
        Assert.Empty(facts.Topics!);
    }

    [Fact]
    public void Build_CrisisAndSupportLines_ComeFromTheManifest()
    {
        var facts = Build(Profiles.Minimal());

        Assert.Equal(["988"], facts.CrisisLines.Select(c => c.Contact));
        Assert.Equal(["1-888-409-0141"], facts.SupportLines.Select(c => c.Contact));
    }

    // ---- the day of the advice ----

    [Fact]
    public void Advise_ProfileWithoutAsOf_UsesTheTimeProvidersUtcDate()
    {
        // 23:30 on the 27th in New York is already the 28th in UTC.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.FromHours(-5)));
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules), clock);
        var profile = Profiles.Minimal() with { AsOf = null, ExamDate = new DateOnly(2026, 12, 8) };

        var report = advisor.Advise(profile);

        Assert.Equal(new DateOnly(2026, 11, 28), report.AsOf);
    }

    [Fact]
    public void Advise_ProfileWithoutAsOf_FollowsTheClockAsItMoves()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var advisor = RetakeAdvisor.Create(timeProvider: clock);
        var profile = Profiles.Minimal() with { AsOf = null };

        var before = advisor.Advise(profile).AsOf;
        clock.Advance(TimeSpan.FromDays(3));
        var after = advisor.Advise(profile).AsOf;

        Assert.Equal((new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 30)), (before, after));
    }

    [Fact]
    public void Advise_ProfileWithoutAsOf_FailureAfterTheClocksDateIsRejected()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var advisor = RetakeAdvisor.Create(timeProvider: clock);
        var profile = WithAttempts(Attempt(2026, 12, 1, points: 5)) with { AsOf = null };

        var ex = Assert.Throws<ProfileValidationException>(() => advisor.Advise(profile));

        Assert.Equal([new ProfileError { Path = "$.failedAttempts[0].date", Message = "is after asOf 2026-11-27 (was 2026-12-01)" }], ex.Errors);
    }

    [Fact]
    public void Advise_ProfileWithAsOf_IgnoresTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var advisor = RetakeAdvisor.Create(timeProvider: clock);

        var report = advisor.Advise(Profiles.Minimal());

        Assert.Equal(Profiles.AsOf, report.AsOf);
    }
}
