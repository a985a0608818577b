using System.Text;
using System.Text.Json;

namespace RetakeAdvice.Tests.Validation;

/// <summary>Spec section 1: bad input gets one validation error listing every problem (field path and why).</summary>
public sealed class ProfileValidationTests
{
    private static ProfileValidationException ReadFails(string json) =>
        Assert.Throws<ProfileValidationException>(() => RetakeAdviceJson.ReadProfile(json));

    private static ProfileError SingleError(string json) => Assert.Single(ReadFails(json).Errors);

    // ---- read to advise: validated once, the same problems ----

    [Theory]
    [InlineData("""{ "failedAttempts": [ { "date": "2026-10-01", "score": 180, "pointsBelowPassing": 3 } ], "wellbeing": { "distress": 11 } }""")]
    [InlineData("""{ "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-12-01", "score": 200 } ] }""")]
    [InlineData("""{ "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-10-01", "score": 250 } ] }""")]
    [InlineData("""{ "failedAttempts": [ { "date": "2026-13-01" } ], "wellbeing": { "distress": 11 }, "nickname": "x" }""")]
    [InlineData("""{ "failedAttempts": [] }""")]
    [InlineData("""{ "failedAttempts": [ { "date": "2026-10-01", "score": 180 } ], "topics": [ { "name": "A", "seen": 2, "incorrect": 3 } ] }""")]
    public void ReadProfileToAdvise_ThenAdvise_SameProblemsAsReadingThenAdvising(string json)
    {
        static IReadOnlyList<ProfileError> Problems(Func<RetakeProfile> read) =>
            Assert.Throws<ProfileValidationException>(() => Shipped.Advisor.Advise(read())).Errors;

        var bytes = Encoding.UTF8.GetBytes(json);

        var separately = Problems(() => RetakeAdviceJson.ReadProfile(bytes));
        var once = Problems(() => RetakeAdviceJson.ReadProfileToAdvise(bytes));

        Assert.Equal(separately.Select(e => (e.Path, e.Message)), once.Select(e => (e.Path, e.Message)));
    }

    // ---- exact messages ----

    [Fact]
    public void ReadProfile_RangeProblems_MessageIsExact()
    {
        var json = """
            {
              "asOf": "2026-11-27",
              "failedAttempts": [ { "date": "2026-10-01", "score": 180, "pointsBelowPassing": 3 } ],
              "wellbeing": { "distress": 11 },
              "practiceExams": [ { "name": "NBME 30", "date": "2026-11-01", "percentCorrect": 101, "passProbability": 1.5 } ],
              "topics": [ { "name": "A", "seen": 2, "incorrect": 3 }, { "name": " a ", "seen": -1 } ]
            }
            """;

        var ex = ReadFails(json);

        Assert.Equal(
            "The profile is not valid:\n"
            + "- $.failedAttempts[0].pointsBelowPassing: give at most one of score and pointsBelowPassing\n"
            + "- $.wellbeing.distress: must be between 0 and 10 (was 11)\n"
            + "- $.practiceExams[0].percentCorrect: must be between 0 and 100 (was 101)\n"
            + "- $.practiceExams[0].passProbability: must be between 0 and 1 (was 1.5)\n"
            + "- $.topics[0].incorrect: must not exceed seen (2) (was 3)\n"
            + "- $.topics[1].name: repeats the topic \"a\" of $.topics[0] (names ignore case)\n"
            + "- $.topics[1].seen: must not be negative (was -1)",
            ex.Message);
    }

    [Fact]
    public void ReadProfile_WrongTypesAndUnknownFields_MessageIsExact()
    {
        var json = """
            {
              "failedAttempts": [ { "date": "2026-13-01" } ],
              "daysSinceResult": "x",
              "school": { "contacted": "yes" },
              "foo": 1,
              "mentors": [ { "name": 1 } ]
            }
            """;

        var ex = ReadFails(json);

        Assert.Equal(
            "The profile is not valid:\n"
            + "- $.failedAttempts[0].date: must be a date written yyyy-MM-dd (was the string \"2026-13-01\")\n"
            + "- $.daysSinceResult: must be a whole number (was the string \"x\")\n"
            + "- $.school.contacted: must be true or false (was the string \"yes\")\n"
            + "- $.foo: is not a known field\n"
            + "- $.mentors[0].name: must be a string (was the number 1)",
            ex.Message);
    }

    [Fact]
    public void ReadProfile_ValidationException_MessageIsBuiltFromErrors()
    {
        var ex = ReadFails(Profiles.MinimalJson("\"daysSinceResult\":-4,\"targetScore\":0"));

        Assert.Equal(
            [new ProfileError { Path = "$.daysSinceResult", Message = "must not be negative (was -4)" }, new ProfileError { Path = "$.targetScore", Message = "must be between 1 and 300 (was 0)" }],
            ex.Errors);
        Assert.Equal("The profile is not valid:\n- " + string.Join("\n- ", ex.Errors.Select(e => $"{e.Path}: {e.Message}")), ex.Message);
    }

    // ---- each limit ----

    [Fact]
    public void ReadProfile_NegativeCounts_EachReportedWithItsPath()
    {
        var ex = ReadFails(Profiles.MinimalJson("""
            "daysSinceResult": -1,
            "topics": [ { "name": "A", "seen": -2, "incorrect": -3 } ]
            """));

        Assert.Equal(
            [
                new ProfileError { Path = "$.daysSinceResult", Message = "must not be negative (was -1)" },
                new ProfileError { Path = "$.topics[0].seen", Message = "must not be negative (was -2)" },
                new ProfileError { Path = "$.topics[0].incorrect", Message = "must not be negative (was -3)" },
            ],
            ex.Errors);
    }

    [Fact]
    public void ReadProfile_IncorrectAboveSeen_IsAnError()
    {
        var error = SingleError(Profiles.MinimalJson("""
            "topics": [ { "name": "Emphysema", "seen": 4, "incorrect": 5 } ]
            """));

        Assert.Equal(new ProfileError { Path = "$.topics[0].incorrect", Message = "must not exceed seen (4) (was 5)" }, error);
    }

    [Fact]
    public void ReadProfile_IncorrectEqualToSeen_IsValid()
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson("""
            "topics": [ { "name": "Emphysema", "seen": 4, "incorrect": 4 } ]
            """));

        Assert.Equal(4, Assert.Single(profile.Topics!).Incorrect);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void ReadProfile_DistressOutsideZeroToTen_IsAnError(int distress)
    {
        var error = SingleError(Profiles.MinimalJson($"\"wellbeing\": {{ \"distress\": {distress} }}"));

        Assert.Equal(new ProfileError { Path = "$.wellbeing.distress", Message = $"must be between 0 and 10 (was {distress})" }, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void ReadProfile_DistressAtTheEdges_IsValid(int distress)
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson($"\"wellbeing\": {{ \"distress\": {distress} }}"));

        Assert.Equal(distress, profile.Wellbeing!.Distress);
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.01")]
    public void ReadProfile_ProbabilityOutsideZeroToOne_IsAnError(string probability)
    {
        var error = SingleError(Profiles.MinimalJson($"\"practiceExams\": [ {{ \"date\": \"2026-11-20\", \"passProbability\": {probability} }} ]"));

        Assert.Equal(new ProfileError { Path = "$.practiceExams[0].passProbability", Message = $"must be between 0 and 1 (was {probability})" }, error);
    }

    [Theory]
    [InlineData("-0.5")]
    [InlineData("100.5")]
    public void ReadProfile_PercentCorrectOutsideZeroToHundred_IsAnError(string percent)
    {
        var error = SingleError(Profiles.MinimalJson($"\"practiceExams\": [ {{ \"date\": \"2026-11-20\", \"percentCorrect\": {percent} }} ]"));

        Assert.Equal(new ProfileError { Path = "$.practiceExams[0].percentCorrect", Message = $"must be between 0 and 100 (was {percent})" }, error);
    }

    [Fact]
    public void ReadProfile_ProbabilityAndPercentAtTheEdges_AreValid()
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson("""
            "practiceExams": [
              { "date": "2026-11-20", "percentCorrect": 0, "passProbability": 0 },
              { "date": "2026-11-21", "percentCorrect": 100, "passProbability": 1 }
            ]
            """));

        Assert.Equal([0d, 100d], profile.PracticeExams!.Select(e => e.PercentCorrect!.Value));
        Assert.Equal([0d, 1d], profile.PracticeExams!.Select(e => e.PassProbability!.Value));
    }

    [Fact]
    public void ReadProfile_PracticeExamWithoutAnyResult_IsAnError()
    {
        var error = SingleError(Profiles.MinimalJson("\"practiceExams\": [ { \"name\": \"NBME 31\", \"date\": \"2026-11-20\" } ]"));

        Assert.Equal(new ProfileError { Path = "$.practiceExams[0]", Message = "give at least one of score, percentCorrect and passProbability" }, error);
    }

    [Fact]
    public void ReadProfile_ScoresOutsideOneToThreeHundred_EveryScoreFieldReported()
    {
        var ex = ReadFails("""
            {
              "asOf": "2026-11-27",
              "failedAttempts": [ { "date": "2026-10-01", "score": 0 } ],
              "mentors": [ { "step1Score": 301, "step2Score": -5 } ],
              "practiceExams": [ { "date": "2026-11-20", "score": 500 } ],
              "targetScore": 0
            }
            """);

        Assert.Equal(
            [
                new ProfileError { Path = "$.failedAttempts[0].score", Message = "must be between 1 and 300 (was 0)" },
                new ProfileError { Path = "$.mentors[0].step1Score", Message = "must be between 1 and 300 (was 301)" },
                new ProfileError { Path = "$.mentors[0].step2Score", Message = "must be between 1 and 300 (was -5)" },
                new ProfileError { Path = "$.practiceExams[0].score", Message = "must be between 1 and 300 (was 500)" },
                new ProfileError { Path = "$.targetScore", Message = "must be between 1 and 300 (was 0)" },
            ],
            ex.Errors);
    }

    [Fact]
    public void ReadProfile_ScoresAtOneAndThreeHundred_AreValid()
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson("\"mentors\": [ { \"step1Score\": 1, \"step2Score\": 300 } ]"));

        Assert.Equal((1, 300), (profile.Mentors![0].Step1Score, profile.Mentors[0].Step2Score));
    }

    // ---- the passing standard: only the advisor knows the manifest ----

    [Fact]
    public void ReadProfile_FailedScoreAtStandardOfItsDate_IsNotJudgedWithoutARuleSet()
    {
        var profile = RetakeAdviceJson.ReadProfile("""{"asOf":"2026-11-27","failedAttempts":[{"date":"2019-06-01","score":194}]}""");

        Assert.Equal(194, profile.FailedAttempts![0].Score);
    }

    [Theory]
    [InlineData(194)]
    [InlineData(230)]
    public void Advise_FailedScoreAtOrAboveStandardOfItsDate_Throws(int score)
    {
        var profile = RetakeAdviceJson.ReadProfile($$"""{"asOf":"2026-11-27","failedAttempts":[{"date":"2019-06-01","score":{{score}}}]}""");

        var ex = Assert.Throws<ProfileValidationException>(() => Shipped.Advisor.Advise(profile));

        Assert.Equal(
            [new ProfileError { Path = "$.failedAttempts[0].score", Message = $"is at or above the passing standard 194 (was {score}), so it is not a failure" }],
            ex.Errors);
    }

    [Fact]
    public void Advise_FailedScoreJustBelowStandardOfItsDate_IsAccepted()
    {
        var profile = RetakeAdviceJson.ReadProfile("""{"asOf":"2026-11-27","failedAttempts":[{"date":"2019-06-01","score":193}]}""");

        var report = Shipped.Advisor.Advise(profile);

        Assert.Equal(new DateOnly(2026, 11, 27), report.AsOf);
    }

    [Fact]
    public void ReadProfile_FailedScoreAtOrAboveItsOwnPassingScore_IsAnError()
    {
        var error = SingleError("""{"asOf":"2026-11-27","failedAttempts":[{"date":"2019-06-01","score":200,"passingScore":200}]}""");

        Assert.Equal(new ProfileError { Path = "$.failedAttempts[0].score", Message = "is at or above the passing standard 200 (was 200), so it is not a failure" }, error);
    }

    [Fact]
    public void ReadProfile_ScoreAndPointsBelowPassingBoth_IsAnError()
    {
        var error = SingleError("""{"asOf":"2026-11-27","failedAttempts":[{"date":"2019-06-01","score":180,"pointsBelowPassing":14}]}""");

        Assert.Equal(new ProfileError { Path = "$.failedAttempts[0].pointsBelowPassing", Message = "give at most one of score and pointsBelowPassing" }, error);
    }

    // ---- failed attempts ----

    [Theory]
    [InlineData("""{"asOf":"2026-11-27"}""", "is required: list each failed Step 1 attempt")]
    [InlineData("""{"asOf":"2026-11-27","failedAttempts":null}""", "is required: list each failed Step 1 attempt")]
    [InlineData("""{"asOf":"2026-11-27","failedAttempts":[]}""", "must list at least one failed attempt")]
    public void ReadProfile_MissingOrEmptyFailedAttempts_IsAnError(string json, string message)
    {
        var error = SingleError(json);

        Assert.Equal(new ProfileError { Path = "$.failedAttempts", Message = message }, error);
    }

    [Fact]
    public void ReadProfile_AttemptWithoutDate_IsAnError()
    {
        var error = SingleError("""{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":3},{"pointsBelowPassing":5}]}""");

        Assert.Equal(new ProfileError { Path = "$.failedAttempts[1].date", Message = "is required" }, error);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("01/02/2026")]
    [InlineData("2026-1-5")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void ReadProfile_DateThatDoesNotParse_IsAnError(string date)
    {
        var error = SingleError($$"""{"asOf":"2026-11-27","failedAttempts":[{"date":"{{date}}","pointsBelowPassing":3}]}""");

        Assert.Equal(new ProfileError { Path = "$.failedAttempts[0].date", Message = $"must be a date written yyyy-MM-dd (was the string \"{date}\")" }, error);
    }

    [Fact]
    public void ReadProfile_SeveralBadDates_AllReported()
    {
        var ex = ReadFails("""
            {
              "asOf": "2026-02-30",
              "failedAttempts": [ { "date": "01/02/2026" } ],
              "examDate": "tomorrow",
              "practiceExams": [ { "date": "2026-1-5", "score": 180 } ]
            }
            """);

        Assert.Equal(["$.asOf", "$.failedAttempts[0].date", "$.examDate", "$.practiceExams[0].date"], ex.Errors.Select(e => e.Path));
        Assert.All(ex.Errors, e => Assert.StartsWith("must be a date written yyyy-MM-dd (was the string ", e.Message));
    }

    [Fact]
    public void Validate_TwoSittingsOnOneDay_NameTheFirstSittingOfThatDay()
    {
        var profile = Profiles.Minimal() with
        {
            FailedAttempts =
            [
                new FailedAttempt { Date = new DateOnly(2026, 5, 1), Score = 185 },
                new FailedAttempt { Date = new DateOnly(2026, 8, 3), Score = 190 },
                new FailedAttempt { Date = new DateOnly(2026, 5, 1), Score = 188 },
            ],
            IncompleteAttempts = [new IncompleteAttempt { Date = new DateOnly(2026, 9, 9) }, new IncompleteAttempt { Date = new DateOnly(2026, 8, 3) }],
        };

        var ex = Assert.Throws<ProfileValidationException>(() => RetakeAdvisor.Create().Advise(profile));

        Assert.Equal(
            [
                new ProfileError { Path = "$.failedAttempts[2].date", Message = "is the day of $.failedAttempts[0] as well (was 2026-05-01): an attempt is one sitting, listed once" },
                new ProfileError { Path = "$.incompleteAttempts[1].date", Message = "is the day of $.failedAttempts[1] as well (was 2026-08-03): an attempt is one sitting, listed once" },
            ],
            ex.Errors);
    }

    [Fact]
    public void Validate_RepeatedContentAreas_IgnoreCaseAndSpacesAndSkipAnInvalidFirst()
    {
        var profile = Profiles.Minimal() with
        {
            ScoreReport = new ScoreReport
            {
                ContentAreas =
                [
                    new ContentAreaResult { Area = new string('x', RetakeAdvice.Validation.ProfileLimits.MaxStringLength + 1), Performance = ContentAreaPerformance.Lower },
                    new ContentAreaResult { Area = "Renal", Performance = ContentAreaPerformance.Lower },
                    new ContentAreaResult { Area = "Cardiac", Performance = ContentAreaPerformance.Same },
                    new ContentAreaResult { Area = "  RENAL ", Performance = ContentAreaPerformance.Higher },
                    new ContentAreaResult { Area = new string('x', RetakeAdvice.Validation.ProfileLimits.MaxStringLength + 1), Performance = ContentAreaPerformance.Lower },
                ],
            },
        };

        var ex = Assert.Throws<ProfileValidationException>(() => RetakeAdvisor.Create().Advise(profile));

        Assert.Equal(["$.scoreReport.contentAreas[0].area", "$.scoreReport.contentAreas[3].area", "$.scoreReport.contentAreas[4].area"], ex.Errors.Select(e => e.Path));
        Assert.Equal("repeats the content area \"RENAL\" of $.scoreReport.contentAreas[1] (names ignore case)", ex.Errors[1].Message);
        Assert.StartsWith($"is {RetakeAdvice.Validation.ProfileLimits.MaxStringLength + 1} characters long", ex.Errors[2].Message, StringComparison.Ordinal);
    }

    // ---- topics ----

    [Fact]
    public void ReadProfile_DuplicateTopicNames_IgnoreCaseAndSurroundingSpaces()
    {
        var ex = ReadFails(Profiles.MinimalJson("""
            "topics": [ { "name": "Renal" }, { "name": "  RENAL  " }, { "name": "Cardiac" }, { "name": "renal" } ]
            """));

        Assert.Equal(
            [
                new ProfileError { Path = "$.topics[1].name", Message = "repeats the topic \"RENAL\" of $.topics[0] (names ignore case)" },
                new ProfileError { Path = "$.topics[3].name", Message = "repeats the topic \"renal\" of $.topics[0] (names ignore case)" },
            ],
            ex.Errors);
    }

    [Fact]
    public void Advise_TopicNamesOfTheThreadsPreviousProfiles_AreNotRepeats()
    {
        // A long list's set of names is kept per thread for the next profile: it must start empty every time, after a
        // valid profile and after one refused for a repeated name alike.
        using var advisor = RetakeAdvisor.Create();
        var topics = Enumerable.Range(0, 1_200).Select(i => new TopicResult { Name = $"topic {i}", Seen = 10, Incorrect = 2 }).ToArray();
        var first = Profiles.Minimal() with { Topics = topics };
        var repeated = Profiles.Minimal() with { Topics = [.. topics, new() { Name = "TOPIC 7 " }] };
        var second = Profiles.Minimal() with { Topics = [.. topics.Select(t => t with { Name = t.Name!.ToUpperInvariant(), Seen = 2 })] };

        advisor.Advise(first);
        var ex = Assert.Throws<ProfileValidationException>(() => advisor.Advise(repeated));
        var report = advisor.Advise(second);
        advisor.Advise(first);

        Assert.Equal(["$.topics[1200].name"], ex.Errors.Select(e => e.Path));
        Assert.Contains(report.Recommendations, r => r.Id == "topics.skip-low-yield");
    }

    [Fact]
    public void ReadProfile_TopicWithoutName_IsAnError()
    {
        var error = SingleError(Profiles.MinimalJson("\"topics\": [ { \"name\": \"  \", \"seen\": 3 } ]"));

        Assert.Equal(new ProfileError { Path = "$.topics[0].name", Message = "is required" }, error);
    }

    // ---- sizes ----

    [Fact]
    public void ReadProfile_HundredMentors_IsValid()
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson($"\"mentors\": [{Items(100, i => $"{{\"name\":\"M{i}\"}}")}]"));

        Assert.Equal(100, profile.Mentors!.Count);
    }

    [Fact]
    public void ReadProfile_HundredAndOneMentors_IsAnError()
    {
        var error = SingleError(Profiles.MinimalJson($"\"mentors\": [{Items(101, i => $"{{\"name\":\"M{i}\"}}")}]"));

        Assert.Equal(new ProfileError { Path = "$.mentors", Message = "has 101 items; at most 100 are allowed" }, error);
    }

    [Theory]
    [InlineData("previousResources")]
    [InlineData("plannedResources")]
    public void ReadProfile_HundredAndOneResources_IsAnError(string field)
    {
        var error = SingleError(Profiles.MinimalJson($"\"{field}\": [{Items(101, i => $"\"R{i}\"")}]"));

        Assert.Equal(new ProfileError { Path = $"$.{field}", Message = "has 101 items; at most 100 are allowed" }, error);
    }

    [Fact]
    public void ReadProfile_HundredAndOneFailedAttempts_IsAnError()
    {
        var error = SingleError($"{{\"asOf\":\"2026-11-27\",\"failedAttempts\":[{Items(101, _ => "{\"date\":\"2020-01-01\"}")}]}}");

        Assert.Equal(new ProfileError { Path = "$.failedAttempts", Message = "has 101 items; at most 100 are allowed" }, error);
    }

    [Fact]
    public void ReadProfile_TenThousandTopics_IsValid()
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson($"\"topics\": [{Items(10_000, i => $"{{\"name\":\"T{i}\"}}")}]"));

        Assert.Equal(10_000, profile.Topics!.Count);
    }

    [Fact]
    public void ReadProfile_TenThousandAndOneTopics_IsAnError()
    {
        var error = SingleError(Profiles.MinimalJson($"\"topics\": [{Items(10_001, i => $"{{\"name\":\"T{i}\"}}")}]"));

        Assert.Equal(new ProfileError { Path = "$.topics", Message = "has 10001 items; at most 10000 are allowed" }, error);
    }

    [Theory]
    [InlineData("\"targetSpecialty\": \"{0}\"", "$.targetSpecialty")]
    [InlineData("\"mentors\": [ {{ \"name\": \"{0}\" }} ]", "$.mentors[0].name")]
    [InlineData("\"plannedResources\": [ \"{0}\" ]", "$.plannedResources[0]")]
    [InlineData("\"previousResources\": [ \"{0}\" ]", "$.previousResources[0]")]
    [InlineData("\"practiceExams\": [ {{ \"name\": \"{0}\", \"date\": \"2026-11-20\", \"score\": 190 }} ]", "$.practiceExams[0].name")]
    [InlineData("\"topics\": [ {{ \"name\": \"{0}\" }} ]", "$.topics[0].name")]
    [InlineData("\"topics\": [ {{ \"name\": \"A\", \"discipline\": \"{0}\" }} ]", "$.topics[0].discipline")]
    public void ReadProfile_StringOf201Characters_IsAnError(string fieldTemplate, string path)
    {
        var error = SingleError(Profiles.MinimalJson(string.Format(fieldTemplate, new string('x', 201))));

        Assert.Equal(new ProfileError { Path = path, Message = "is 201 characters long; at most 200 are allowed" }, error);
    }

    [Fact]
    public void ReadProfile_StringOf200Characters_IsValid()
    {
        var name = new string('x', 200);

        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson($"\"targetSpecialty\": \"{name}\""));

        Assert.Equal(name, profile.TargetSpecialty);
    }

    // ---- JSON shape ----

    [Fact]
    public void ReadProfile_SeveralWrongTypes_AllReported()
    {
        var ex = ReadFails("""
            {
              "asOf": 5,
              "failedAttempts": { "date": "2026-10-01" },
              "wellbeing": { "distress": "high", "thoughtsOfSelfHarm": 1 },
              "studyHoursPerDay": "8",
              "topics": [ { "name": "A", "seen": 1.5 } ],
              "mentors": "none",
              "sameApproachAsBefore": "no",
              "plannedResources": [ 3 ]
            }
            """);

        Assert.Equal(
            [
                new ProfileError { Path = "$.asOf", Message = "must be a date written yyyy-MM-dd (was the number 5)" },
                new ProfileError { Path = "$.failedAttempts", Message = "must be a list (was an object)" },
                new ProfileError { Path = "$.wellbeing.distress", Message = "must be a whole number (was the string \"high\")" },
                new ProfileError { Path = "$.wellbeing.thoughtsOfSelfHarm", Message = "must be true or false (was the number 1)" },
                new ProfileError { Path = "$.studyHoursPerDay", Message = "must be a number (was the string \"8\")" },
                new ProfileError { Path = "$.topics[0].seen", Message = "must be a whole number (was the number 1.5)" },
                new ProfileError { Path = "$.mentors", Message = "must be a list (was the string \"none\")" },
                new ProfileError { Path = "$.sameApproachAsBefore", Message = "must be true or false (was the string \"no\")" },
                new ProfileError { Path = "$.plannedResources[0]", Message = "must be a string (was the number 3)" },
            ],
            ex.Errors);
    }

    [Fact]
    public void ReadProfile_UnknownFields_AllReportedAtTheirPaths()
    {
        var ex = ReadFails("""
            {
              "asOf": "2026-11-27",
              "failedAttempts": [ { "date": "2026-10-01", "pointsBelowPassing": 3, "grade": "F" } ],
              "nickname": "x",
              "school": { "dean": "y" }
            }
            """);

        Assert.Equal(
            [
                new ProfileError { Path = "$.failedAttempts[0].grade", Message = "is not a known field" },
                new ProfileError { Path = "$.nickname", Message = "is not a known field" },
                new ProfileError { Path = "$.school.dean", Message = "is not a known field" },
            ],
            ex.Errors);
    }

    [Fact]
    public void ReadProfile_WrongTypeAndLimitProblems_ReportedTogether()
    {
        var ex = ReadFails("""
            {
              "asOf": "2026-11-27",
              "failedAttempts": [ { "date": "2026-10-01", "pointsBelowPassing": 3 } ],
              "daysSinceResult": "soon",
              "wellbeing": { "distress": 12 },
              "unexpected": true
            }
            """);

        Assert.Equal(
            [
                new ProfileError { Path = "$.daysSinceResult", Message = "must be a whole number (was the string \"soon\")" },
                new ProfileError { Path = "$.unexpected", Message = "is not a known field" },
                new ProfileError { Path = "$.wellbeing.distress", Message = "must be between 0 and 10 (was 12)" },
            ],
            ex.Errors);
    }

    [Theory]
    [InlineData("""{"asOf":"2026-11-27",}""", "(line 1, column 22)")]
    [InlineData("""{"asOf" "2026-11-27"}""", "(line 1, column 9)")]
    [InlineData("{\"asOf\":", "(line 1, column 9)")]
    public void ReadProfile_MalformedJson_OneErrorAtRootWithPosition(string json, string position)
    {
        var error = SingleError(json);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("is not valid JSON: ", error.Message);
        Assert.EndsWith(position, error.Message);
    }

    [Theory]
    [InlineData("""{"asOf":"2026-11-27",}""", "is not valid JSON: a comma after the last item of an object, which JSON does not allow (line 1, column 22)")]
    [InlineData("""{"failedAttempts":[{"date":"2026-10-01"},]}""", "is not valid JSON: a comma after the last item of a list, which JSON does not allow (line 1, column 42)")]
    [InlineData("{\n// my notes\n\"asOf\":\"2026-11-27\"}", "is not valid JSON: a '/' outside a string: JSON allows no comments (line 2, column 1)")]
    public void ReadProfile_HandWrittenSlips_AreSaidAsSuch_WithoutAdviceForDevelopers(string json, string message)
    {
        var error = SingleError(json);

        Assert.Equal("$", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    public void ReadProfile_EmptyInput_SaysTheProfileIsEmpty(string json)
    {
        var ex = ReadFails(json);

        Assert.Equal("The profile is not valid:\n- $: the profile is empty; expected a JSON object", ex.Message);
    }

    [Fact]
    public void ReadProfile_EmptyBytes_SaysTheProfileIsEmpty()
    {
        var ex = Assert.Throws<ProfileValidationException>(() => RetakeAdviceJson.ReadProfile(ReadOnlySpan<byte>.Empty));

        Assert.Equal([new ProfileError { Path = "$", Message = "the profile is empty; expected a JSON object" }], ex.Errors);
    }

    [Theory]
    [InlineData("[1]", "a list")]
    [InlineData("[]", "a list")]
    [InlineData("5", "the number 5")]
    [InlineData("null", "null")]
    [InlineData("\"profile\"", "the string \"profile\"")]
    [InlineData("true", "true")]
    public void ReadProfile_NonObjectJson_SaysWhatItWas(string json, string kind)
    {
        var error = SingleError(json);

        Assert.Equal(new ProfileError { Path = "$", Message = $"the profile must be a JSON object (was {kind})" }, error);
    }

    [Fact]
    public void ReadProfile_NullListItems_EachReported()
    {
        var ex = ReadFails("""
            {
              "asOf": "2026-11-27",
              "failedAttempts": [ null ],
              "mentors": [ null ],
              "topics": [ null ],
              "practiceExams": [ null ],
              "previousResources": [ null ]
            }
            """);

        Assert.Equal(
            [
                new ProfileError { Path = "$.failedAttempts[0]", Message = "must not be null" },
                new ProfileError { Path = "$.mentors[0]", Message = "must not be null" },
                new ProfileError { Path = "$.previousResources[0]", Message = "must be a non-empty name" },
                new ProfileError { Path = "$.practiceExams[0]", Message = "must not be null" },
                new ProfileError { Path = "$.topics[0]", Message = "must not be null" },
            ],
            ex.Errors);
    }

    [Fact]
    public void ReadProfile_EveryKindOfProblemAtOnce_OneExceptionListsThemAll()
    {
        var json = $$"""
            {
              "asOf": "2026-11-27",
              "failedAttempts": [ { "date": "2019-06-01", "score": 180, "pointsBelowPassing": 14 }, { "score": 400 } ],
              "daysSinceResult": -3,
              "wellbeing": { "distress": -1 },
              "mentors": [ { "name": "{{new string('m', 201)}}" } ],
              "practiceExams": [ { "date": "2026-11-20", "percentCorrect": 120, "passProbability": 2 } ],
              "topics": [ { "name": "Renal", "seen": 1, "incorrect": 2 }, { "name": "renal " } ],
              "targetScore": 999
            }
            """;

        var ex = ReadFails(json);

        Assert.Equal(
            [
                "$.failedAttempts[0].pointsBelowPassing",
                "$.failedAttempts[1].date",
                "$.failedAttempts[1].score",
                "$.daysSinceResult",
                "$.wellbeing.distress",
                "$.mentors[0].name",
                "$.practiceExams[0].percentCorrect",
                "$.practiceExams[0].passProbability",
                "$.topics[0].incorrect",
                "$.topics[1].name",
                "$.targetScore",
            ],
            ex.Errors.Select(e => e.Path));
        Assert.Equal(ex.Errors.Count, ex.Message.Split('\n').Length - 1);
    }

    [Fact]
    public void ReadProfile_RepeatedKeyAndAnotherProblem_IsAValidationErrorNotACrash()
    {
        const string Json = """{"asOf":"2026-11-27","asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}],"nickname":"x"}""";

        var ex = Record.Exception(() => RetakeAdviceJson.ReadProfile(Json));

        var validation = Assert.IsType<ProfileValidationException>(ex);
        Assert.Contains(validation.Errors, e => e.Path == "$.nickname");
    }

    [Fact]
    public void Advise_TopicMissCountThatOverflowsMinutes_NeverSuggestsNegativeMinutes()
    {
        var profile = Profiles.Minimal() with { Topics = [new TopicResult { Name = "A", Seen = int.MaxValue, Incorrect = int.MaxValue }] };

        AdviceReport report;
        try
        {
            report = Shipped.Advisor.Advise(profile);
        }
        catch (Exception ex) when (ex is ProfileValidationException or RuleEvaluationException)
        {
            return; // rejecting the input, or surfacing the overflow, are both fine
        }

        Assert.All(report.Recommendations.SelectMany(r => r.Actions), a => Assert.True(a.Minutes is null or >= 0, $"{a.Kind} {a.Target}: {a.Minutes} minutes"));
    }

    // ---- valid input ----

    [Fact]
    public void ReadProfile_Sample_ReadsEveryField()
    {
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));

        Assert.Equal(new DateOnly(2026, 11, 27), profile.AsOf);
        Assert.Equal(new DateOnly(2026, 10, 2), Assert.Single(profile.FailedAttempts!).Date);
        Assert.Equal(5, profile.FailedAttempts![0].PointsBelowPassing);
        Assert.Equal(24, profile.DaysSinceResult);
        Assert.False(profile.School!.Contacted);
        Assert.Equal(7, profile.Wellbeing!.Distress);
        Assert.Equal(204, Assert.Single(profile.Mentors!).Step1Score);
        Assert.Equal(["UW", "FA", "BRS Pathology", "BRS Physiology"], profile.PlannedResources);
        Assert.Equal(0.38, Assert.Single(profile.PracticeExams!).PassProbability);
        Assert.Equal(new DateOnly(2026, 12, 8), profile.ExamDate);
        Assert.Equal(["Type I hypersensitivity", "Renal tubular acidosis", "Fetal erythropoiesis", "Cardiac tamponade"], profile.Topics!.Select(t => t.Name));
        Assert.Equal(13, profile.StudyHoursPerDay);
        Assert.Equal(0, profile.RestDaysPerWeek);
    }

    [Fact]
    public void ReadProfile_WrittenAndReadAgain_RoundTrips()
    {
        var first = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));
        var written = JsonSerializer.Serialize(first, RetakeAdviceJson.Options);

        var second = RetakeAdviceJson.ReadProfile(written);

        Assert.Equal(written, JsonSerializer.Serialize(second, RetakeAdviceJson.Options));
        Assert.Contains("\"plannedResources\": [", written);
    }

    [Fact]
    public void ReadProfile_Utf8BytesAndString_GiveTheSameProfile()
    {
        var json = File.ReadAllText(Profiles.SamplePath("near-miss.json"));

        var fromString = RetakeAdviceJson.ReadProfile(json);
        var fromBytes = RetakeAdviceJson.ReadProfile(Encoding.UTF8.GetBytes(json));

        Assert.Equal(JsonSerializer.Serialize(fromString, RetakeAdviceJson.Options), JsonSerializer.Serialize(fromBytes, RetakeAdviceJson.Options));
    }

    // ---- bounded answers to hostile input ----

    [Fact]
    public async Task ReadProfile_ByteOrderMark_ReadAlikeFromBytesStringAndStream()
    {
        var json = Profiles.MinimalJson();
        byte[] withBom = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)];

        var fromBytes = RetakeAdviceJson.ReadProfile(withBom);
        var fromString = RetakeAdviceJson.ReadProfile("\uFEFF" + json);
        var fromStream = await RetakeAdviceJson.ReadProfileAsync(new MemoryStream(withBom));

        var expected = RetakeAdviceJson.ReadProfile(json);
        Assert.Equal(expected, fromBytes);
        Assert.Equal(expected, fromString);
        Assert.Equal(expected, fromStream);
    }

    [Fact]
    public void Advise_NegativeZero_ReadsAsZero()
    {
        var profile = RetakeAdviceJson.ReadProfile(Profiles.MinimalJson("\"restDaysPerWeek\": -0.0"));

        var card = Assert.Single(Shipped.Advisor.Advise(profile).Recommendations, r => r.Id == "resilience.burnout-risk");

        Assert.Contains(card.Because, b => b.StartsWith("you plan 0 rest days a week", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadProfile_ListFarOverItsLimit_IsOneProblemAndItsItemsAreNotRead()
    {
        var errors = ReadFails(Profiles.MinimalJson($"\"topics\": [{Items(20_001, _ => "1")}], \"mentors\": [{Items(101, _ => "\"x\"")}]")).Errors;

        Assert.Equal(
            [
                new ProfileError { Path = "$.mentors", Message = "has 101 items; at most 100 are allowed" },
                new ProfileError { Path = "$.topics", Message = "has 20001 items; at most 10000 are allowed" },
            ],
            errors.OrderBy(e => e.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void ReadProfile_ThousandsOfProblems_ListsTheFirstHundredAndCountsTheRest()
    {
        // 10,000 topics (the limit), each of the wrong type: every one a problem, each counted once.
        var errors = ReadFails(Profiles.MinimalJson($"\"topics\": [{Items(10_000, _ => "1")}]")).Errors;

        Assert.Equal(101, errors.Count);
        Assert.Equal(new ProfileError { Path = "$.topics[99]", Message = "must be an object (was the number 1)" }, errors[99]);
        Assert.Equal(new ProfileError { Path = "$", Message = "9900 more problems are not listed (only the first 100 are)" }, errors[100]);
    }

    // ---- the contract's enums: exactly their JSON names ----

    [Theory]
    [InlineData("\"studentType\": 7", "$.studentType", "must be us-md, us-do or img (was the number 7)")]
    [InlineData("\"studentType\": 1", "$.studentType", "must be us-md, us-do or img (was the number 1)")]
    [InlineData("\"studentType\": \"IMG\"", "$.studentType", "must be us-md, us-do or img (was the string \"IMG\")")]
    [InlineData("\"studentType\": \" img\"", "$.studentType", "must be us-md, us-do or img (was the string \" img\")")]
    [InlineData("\"accommodations\": \"pending\"", "$.accommodations", "must be none, considering, requested or approved (was the string \"pending\")")]
    [InlineData("\"mentors\": [ { \"role\": \"Faculty\" } ]", "$.mentors[0].role", "must be peer, resident, faculty or learning-specialist (was the string \"Faculty\")")]
    [InlineData("\"scoreReport\": { \"contentAreas\": [ { \"area\": \"Renal\", \"performance\": 2 } ] }", "$.scoreReport.contentAreas[0].performance", "must be lower, same or higher (was the number 2)")]
    public void ReadProfile_EnumNotExactlyAJsonName_IsAnErrorNamingTheChoices(string field, string path, string message)
    {
        var error = SingleError(Profiles.MinimalJson(field));

        Assert.Equal(new ProfileError { Path = path, Message = message }, error);
    }

    [Fact]
    public void ReadProfile_EnumInTheWrongCase_HidesNoOtherProblem()
    {
        var errors = ReadFails(Profiles.MinimalJson("\"studentType\": \"US-MD\", \"school\": { \"attemptLimit\": 0 }")).Errors;

        Assert.Equal(["$.studentType", "$.school.attemptLimit"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Advise_EnumCastFromANumberInCode_IsAValidationErrorNotACrash()
    {
        var profile = Profiles.Minimal() with
        {
            StudentType = (StudentType)9,
            Accommodations = (AccommodationsStatus)(-1),
            Mentors = [new Mentor { Role = (MentorRole)4 }],
            ScoreReport = new ScoreReport { ContentAreas = [new ContentAreaResult { Area = "Renal", Performance = (ContentAreaPerformance)3 }] },
        };

        var ex = Assert.Throws<ProfileValidationException>(() => Shipped.Advisor.Advise(profile));

        Assert.Equal(
            [
                new ProfileError { Path = "$.mentors[0].role", Message = "must be peer, resident, faculty or learning-specialist (was 4)" },
                new ProfileError { Path = "$.studentType", Message = "must be us-md, us-do or img (was 9)" },
                new ProfileError { Path = "$.accommodations", Message = "must be none, considering, requested or approved (was -1)" },
                new ProfileError { Path = "$.scoreReport.contentAreas[0].performance", Message = "must be lower, same or higher (was 3)" },
            ],
            ex.Errors);
    }

    [Fact]
    public void WriteProfile_EnumsAsTheirJsonNames_EvenWithTheSerializersDefaults()
    {
        var json = JsonSerializer.Serialize(new RetakeProfile { StudentType = StudentType.UsDo, Accommodations = AccommodationsStatus.Considering });

        Assert.Contains("\"StudentType\":\"us-do\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Accommodations\":\"considering\"", json, StringComparison.Ordinal);
    }

    private static string Items(int count, Func<int, string> item) => string.Join(",", Enumerable.Range(0, count).Select(item));
}
