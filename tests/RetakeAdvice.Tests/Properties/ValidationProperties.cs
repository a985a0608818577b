using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace RetakeAdvice.Tests.Properties;

/// <summary>A valid profile with one invalid mutation, and the path the validation error must name.</summary>
public sealed record InvalidProfileCase(RetakeProfile Profile, string Path, string Mutation)
{
    public override string ToString() => $"{Mutation} (expect {Path}): {PropertyGenerators.Describe(Profile)}";
}

/// <summary>Invalid input is refused with the validation error naming the field, never another exception.</summary>
public sealed class ValidationProperties
{
    private const string Fresh = "Fresh ~ item";

    /// <summary>
    /// Property 2: any single invalid mutation of a valid profile yields <see cref="ProfileValidationException"/>
    /// (exactly that type) with one error, naming the mutated field's path: from the C# API, and through JSON
    /// (<c>ReadProfile</c> then <c>Advise</c>) when the mutated profile can be written as JSON.
    /// Planted bug it caught: the manifest's current passing standard raised from 196 to 260 in a TempRuleFolder
    /// copy (the advisor judges failed scores against the wrong table): "failed score at or above its standard"
    /// mutations on attempts since 2022-01-26 (for example 235 against 196) were accepted, 3 of 400 sampled (hence
    /// 600 tests: about 99% to catch it).
    /// </summary>
    [Property(MaxTest = 600, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void AnySingleInvalidMutation_IsRefused_NamingItsPath(InvalidProfileCase invalid) => CheckRefused(Shipped.Advisor, invalid);

    internal static void CheckRefused(RetakeAdvisor advisor, InvalidProfileCase invalid)
    {
        var error = Assert.Throws<ProfileValidationException>(() => advisor.Advise(invalid.Profile));
        Assert.Equal([invalid.Path], error.Errors.Select(e => e.Path));

        string json;
        try
        {
            json = JsonSerializer.Serialize(invalid.Profile, RetakeAdviceJson.Options);
        }
        catch (ArgumentException)
        {
            return; // NaN and infinities have no JSON form; the reader's own tests cover "1e999" and the like
        }

        var viaJson = Assert.Throws<ProfileValidationException>(() => advisor.Advise(RetakeAdviceJson.ReadProfile(json)));
        Assert.Equal([invalid.Path], viaJson.Errors.Select(e => e.Path));
    }

    internal static Gen<InvalidProfileCase> InvalidCases { get; } = PropertyGenerators.ValidProfile.SelectMany(Mutate);

    private static Gen<InvalidProfileCase> Mutate(RetakeProfile p)
    {
        var asOf = p.AsOf!.Value;
        var attempts = p.FailedAttempts!;
        var anyAttempt = Gen.Choose(0, attempts.Count - 1);
        var big = Gen.Choose(1, 10_000);
        var longText = Gen.Choose(201, 400).Select(n => new string('x', n - 1) + "é");
        var badProbability = Gen.Elements(-0.0001, -1.0, 1.0001, 2.0, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity);
        var badPercent = Gen.Elements(-0.001, -5.0, 100.001, 150.0, double.NaN, double.PositiveInfinity);
        var badScore = Gen.Elements(0, -1, -250, 301, 302, 999, int.MinValue, int.MaxValue);
        var blank = Gen.Elements<string?>(null, "", " ", "\t", " \n ");

        InvalidProfileCase Case(RetakeProfile profile, string path, string mutation) => new(profile, path, mutation);

        // Days after (before) asOf, within the calendar; none exist after 9999-12-31 (before 0001-01-01).
        var canGoLater = asOf < DateOnly.MaxValue;
        var canGoEarlier = asOf > DateOnly.MinValue;
        DateOnly Later(int days) => DateOnly.FromDayNumber(Math.Min(asOf.DayNumber + days, DateOnly.MaxValue.DayNumber));
        DateOnly Earlier(int days) => DateOnly.FromDayNumber(Math.Max(asOf.DayNumber - days, 0));

        var mutations = new List<Gen<InvalidProfileCase>>
        {
            // failed attempts
            Gen.Constant(Case(p with { FailedAttempts = [] }, "$.failedAttempts", "empty failedAttempts")),
            Gen.Constant(Case(p with { FailedAttempts = null }, "$.failedAttempts", "no failedAttempts")),
            from i in anyAttempt
            from days in Gen.Choose(1, 400)
            from later in Gen.Constant(canGoLater)
            select later
                ? Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Date = Later(days) }) }, $"$.failedAttempts[{i}].date", "attempt date after asOf")
                : Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Date = null }) }, $"$.failedAttempts[{i}].date", "attempt without a date"),
            from i in anyAttempt
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Date = null }) }, $"$.failedAttempts[{i}].date", "attempt without a date"),
            from i in anyAttempt
            from score in badScore
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Score = score, PointsBelowPassing = null }) }, $"$.failedAttempts[{i}].score", "attempt score outside 1-300"),
            from i in anyAttempt
            let standard = attempts[i].PassingScore ?? Shipped.Manifest.StandardOn(attempts[i].Date!.Value)
            from score in Gen.Choose(standard, 300)
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Score = score, PointsBelowPassing = null }) }, $"$.failedAttempts[{i}].score", $"failed score {score} at or above its standard {standard}"),
            from i in anyAttempt
            from standard in badScore
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { PassingScore = standard }) }, $"$.failedAttempts[{i}].passingScore", "passingScore outside 1-300"),
            from i in anyAttempt
            from points in Gen.Elements(0.0, -0.0, -0.5, -40.0, 300.0, 300.5, 1e9, double.NaN, double.PositiveInfinity, double.NegativeInfinity)
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Score = null, PointsBelowPassing = points }) }, $"$.failedAttempts[{i}].pointsBelowPassing", "pointsBelowPassing outside (0, 300)"),
            from i in anyAttempt
            let standard = attempts[i].PassingScore ?? Shipped.Manifest.StandardOn(attempts[i].Date!.Value)
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, attempts[i] with { Score = Math.Max(1, standard - 5), PointsBelowPassing = 5 }) }, $"$.failedAttempts[{i}].pointsBelowPassing", "both score and pointsBelowPassing"),
            from i in anyAttempt
            select Case(p with { FailedAttempts = PropertyGenerators.With(attempts, i, null!) }, $"$.failedAttempts[{i}]", "null attempt"),
            from n in Gen.Choose(101, 130)
            select Case(p with { FailedAttempts = Enumerable.Range(0, n).Select(_ => new FailedAttempt { Date = asOf, PointsBelowPassing = 5 }).ToArray() }, "$.failedAttempts", "more than 100 attempts"),

            // top-level numbers and dates
            from days in Gen.Elements(-1, -365, int.MinValue, 36_526, int.MaxValue)
            select Case(p with { DaysSinceResult = days }, "$.daysSinceResult", "daysSinceResult negative or over a century"),
            from distress in Gen.Elements(-1, -10, 11, 100, int.MinValue, int.MaxValue)
            select Case(p with { Wellbeing = (p.Wellbeing ?? new WellbeingStatus()) with { Distress = distress } }, "$.wellbeing.distress", "distress outside 0-10"),
            from days in Gen.Choose(1, 400)
            select canGoEarlier
                ? Case(p with { ExamDate = Earlier(days) }, "$.examDate", "exam date before asOf")
                : Case(p with { DaysSinceResult = -days }, "$.daysSinceResult", "daysSinceResult negative"),
            from hours in Gen.Elements(-0.25, -1.0, 24.25, 25.0, 1e6, double.NaN, double.PositiveInfinity)
            select Case(p with { StudyHoursPerDay = hours }, "$.studyHoursPerDay", "study hours outside 0-24"),
            from days in Gen.Elements(-0.5, -1.0, 7.5, 8.0, double.NaN, double.NegativeInfinity)
            select Case(p with { RestDaysPerWeek = days }, "$.restDaysPerWeek", "rest days outside 0-7"),
            from months in Gen.Elements(-0.5, -12.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity)
            select Case(p with { PlannedTimeOffMonths = months }, "$.plannedTimeOffMonths", "time off negative"),
            from score in badScore
            select Case(p with { TargetScore = score }, "$.targetScore", "target score outside 1-300"),
            from text in longText
            select Case(p with { TargetSpecialty = text }, "$.targetSpecialty", "201+ character specialty"),

            // mentors
            from slot in Slot(p.Mentors, new Mentor { Name = Fresh, Step1Score = 230 })
            from score in badScore
            from second in Gen.Elements(true, false)
            select second
                ? Case(p with { Mentors = PropertyGenerators.With(slot.List, slot.Index, slot.List[slot.Index] with { Step2Score = score }) }, $"$.mentors[{slot.Index}].step2Score", "mentor step2Score outside 1-300")
                : Case(p with { Mentors = PropertyGenerators.With(slot.List, slot.Index, slot.List[slot.Index] with { Step1Score = score }) }, $"$.mentors[{slot.Index}].step1Score", "mentor step1Score outside 1-300"),
            from slot in Slot(p.Mentors, new Mentor { Name = Fresh })
            from text in longText
            select Case(p with { Mentors = PropertyGenerators.With(slot.List, slot.Index, slot.List[slot.Index] with { Name = text }) }, $"$.mentors[{slot.Index}].name", "201+ character mentor name"),
            from slot in Slot(p.Mentors, new Mentor())
            select Case(p with { Mentors = PropertyGenerators.With(slot.List, slot.Index, null!) }, $"$.mentors[{slot.Index}]", "null mentor"),
            from n in Gen.Choose(101, 150)
            select Case(p with { Mentors = Enumerable.Range(0, n).Select(i => new Mentor { Name = $"m{i}" }).ToArray() }, "$.mentors", "more than 100 mentors"),

            // resources
            from planned in Gen.Elements(true, false)
            from slot in Slot(planned ? p.PlannedResources : p.PreviousResources, Fresh)
            from text in Gen.OneOf(blank, longText.Select(t => (string?)t))
            let path = $"$.{(planned ? "plannedResources" : "previousResources")}[{slot.Index}]"
            let list = PropertyGenerators.With(slot.List, slot.Index, text!)
            select planned ? Case(p with { PlannedResources = list }, path, "blank, null or 201+ character planned resource") : Case(p with { PreviousResources = list }, path, "blank, null or 201+ character previous resource"),
            from planned in Gen.Elements(true, false)
            from n in Gen.Choose(101, 150)
            let list = Enumerable.Range(0, n).Select(i => $"Resource {i}").ToArray()
            select planned ? Case(p with { PlannedResources = list }, "$.plannedResources", "more than 100 planned resources") : Case(p with { PreviousResources = list }, "$.previousResources", "more than 100 previous resources"),

            // practice exams
            from slot in Slot(p.PracticeExams, new PracticeExam { Name = Fresh, Date = asOf, Score = 200 })
            from kind in Gen.Choose(0, 6).Select(k => k == 3 && !canGoLater ? 0 : k)
            from score in badScore
            from probability in badProbability
            from percent in badPercent
            from days in Gen.Choose(1, 400)
            from text in longText
            let at = $"$.practiceExams[{slot.Index}]"
            let exam = slot.List[slot.Index]
            select kind switch
            {
                0 => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, exam with { Score = score }) }, at + ".score", "practice score outside 1-300"),
                1 => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, exam with { PassProbability = probability }) }, at + ".passProbability", "probability outside 0-1"),
                2 => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, exam with { PercentCorrect = percent }) }, at + ".percentCorrect", "EPC outside 0-100"),
                3 => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, exam with { Date = Later(days) }) }, at + ".date", "practice exam after asOf"),
                4 => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, exam with { Name = text }) }, at + ".name", "201+ character exam name"),
                5 => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, exam with { Score = null, PercentCorrect = null, PassProbability = null }) }, at, "practice exam without a result"),
                _ => Case(p with { PracticeExams = PropertyGenerators.With(slot.List, slot.Index, null!) }, at, "null practice exam"),
            },
            from n in Gen.Choose(101, 150)
            select Case(p with { PracticeExams = Enumerable.Range(0, n).Select(i => new PracticeExam { Name = $"NBME {i}", PercentCorrect = 60 }).ToArray() }, "$.practiceExams", "more than 100 practice exams"),

            // topics
            from slot in Slot(p.Topics, new TopicResult { Name = Fresh, Seen = 5, Incorrect = 1 })
            from kind in Gen.Choose(0, 8)
            from k in big
            from seen in Gen.Choose(0, 50)
            from name in blank
            from text in longText
            let at = $"$.topics[{slot.Index}]"
            let topic = slot.List[slot.Index]
            select kind switch
            {
                0 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Seen = -k }) }, at + ".seen", "negative seen"),
                1 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Seen = 100_000 + k, Incorrect = 0 }) }, at + ".seen", "seen over 100,000"),
                2 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Incorrect = -k }) }, at + ".incorrect", "negative incorrect"),
                3 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Incorrect = 100_000 + k, Seen = null }) }, at + ".incorrect", "incorrect over 100,000"),
                4 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Seen = seen, Incorrect = seen + Math.Min(k, 100) }) }, at + ".incorrect", "incorrect > seen"),
                5 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Name = name }) }, at + ".name", "blank or null topic name"),
                6 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Name = text }) }, at + ".name", "201+ character topic name"),
                7 => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, topic with { Discipline = text }) }, at + ".discipline", "201+ character discipline"),
                _ => Case(p with { Topics = PropertyGenerators.With(slot.List, slot.Index, null!) }, at, "null topic"),
            },
            DuplicateTopic(p),
            Gen.Frequency((1, Gen.Constant(10_001)), (1, Gen.Choose(10_002, 10_100))).Select(n =>
                Case(p with { Topics = Enumerable.Range(0, n).Select(i => new TopicResult { Name = $"t{i}", Seen = 3, Incorrect = 1 }).ToArray() }, "$.topics", "more than 10,000 topics")),
        };

        return Gen.OneOf(mutations);
    }

    /// <summary>A topic repeated under another spelling (case, surrounding spaces), inserted before or after the first.</summary>
    private static Gen<InvalidProfileCase> DuplicateTopic(RetakeProfile p)
    {
        var topics = p.Topics is { Count: > 0 } ? p.Topics.ToList() : [new TopicResult { Name = "Renal", Seen = 3, Incorrect = 1 }];
        return
            from original in Gen.Choose(0, topics.Count - 1)
            from position in Gen.Choose(0, topics.Count)
            from spelling in Gen.Choose(0, 4)
            let name = topics[original].Name!
            let trimmed = name.Trim()
            let variant = spelling switch
            {
                0 => name,
                1 => trimmed.ToUpperInvariant(),
                2 => trimmed.ToLowerInvariant(),
                3 => trimmed.Length <= 196 ? "  " + trimmed + " " : trimmed,
                _ => trimmed.Length <= 198 ? "\t" + trimmed.ToUpperInvariant() + " " : trimmed.ToUpperInvariant(),
            }
            let firstAfter = original >= position ? original + 1 : original
            select new InvalidProfileCase(
                p with { Topics = topics.Take(position).Append(topics[original] with { Name = variant }).Concat(topics.Skip(position)).ToArray() },
                $"$.topics[{Math.Max(position, firstAfter)}].name",
                $"topic \"{name}\" repeated as \"{variant}\"");
    }

    /// <summary>
    /// An index into the list: an existing item, or a fresh valid one appended (always when the list is absent or
    /// empty, never when it holds 100 items: one more would be a second problem).
    /// </summary>
    private static Gen<(List<T> List, int Index)> Slot<T>(IReadOnlyList<T>? list, T fresh)
    {
        var items = list?.ToList() ?? [];
        return
            from append in items.Count == 0 ? Gen.Constant(true) : items.Count >= 100 ? Gen.Constant(false) : Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            from index in Gen.Choose(0, Math.Max(0, items.Count - 1))
            select append ? (items.Append(fresh).ToList(), items.Count) : (items, index);
    }
}
