using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetakeAdvice.Benchmarks.HandWritten;
using RetakeAdvice.Benchmarks.RulesEngineDirect;
using RetakeAdvice.Benchmarks.Support;
using RetakeAdvice.Evaluation;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RetakeAdvice.Tests.Benchmarks;

/// <summary>
/// The benchmarks' hand-written baseline must do exactly what the library does for the default rule set as the
/// baseline was written against it (the frozen copy in benchmarks/…/HandWritten/Frozen, see
/// <see cref="FrozenBaseline"/>): the same report JSON, byte for byte, and the same validation errors. Otherwise the
/// baseline measures something else. The RulesEngine anchor is held to the same reports on the frozen and a fixed
/// set of generated profiles. These tests read only the frozen copy; <see cref="FrozenBaselineTests"/> fails as soon
/// as rules/ or samples/ differ from it, and the benchmarks refuse to run, until the baseline follows the rules and
/// is frozen again.
/// </summary>
public sealed class HandWrittenEquivalenceTests(ITestOutputHelper output)
{
    private static readonly RetakeAdvisor Library = RetakeAdvisor.Create(RuleSource.FromDirectory(FrozenBaseline.RulesDirectory));
    private static readonly HandWrittenAdvisor HandWritten = new(Library.RuleSet);
    private static readonly Lazy<RulesEngineDirectAdvisor> RulesEngineDirect = new(() => new RulesEngineDirectAdvisor(Library, FrozenBaseline.RulesDirectory));
    private static readonly Lazy<RuleTestSuite> Suite = new(() => RuleTestSuite.Load(FrozenBaseline.RulesDirectory));
    private static readonly string FrozenSamples = Path.Combine(FrozenBaseline.Directory, "samples");

    [Fact]
    public void FrozenRules_StillGiveTheFrozenReports()
    {
        // The frozen copy is the library's own output when it was frozen: a change in C# that alters it shows here.
        Assert.Empty(FrozenBaseline.Mismatches(Library));
        Assert.Equal(FrozenBaseline.Reports().Keys.Order(StringComparer.Ordinal), FrozenBaseline.Profiles().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>The card rule ids of the default rule set (30).</summary>
    private static readonly string[] RuleIds = Library.Rules.Rules.Where(r => r.Card is not null).Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ProfileArbitraries) })]
    public void GeneratedProfile_HandWrittenReport_IsTheLibrarysReport(RetakeProfile profile) => AssertSameOutcome(profile);

    [Fact]
    public void GeneratedProfiles_FireEveryRule_AndLeaveEveryConditionalRuleUnfired()
    {
        // The same generator as the property, with a fixed seed: every rule must be exercised both ways, so that
        // the property above cannot pass by never reaching a rule.
        var profiles = Gen.Sample(ProfileArbitraries.Profile, 300, new Rnd(20261127UL), 50);
        var fired = RuleIds.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var paths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            AssertSameOutcome(profile);
            var report = Library.Advise(profile);
            foreach (var id in report.Recommendations.Select(r => r.Id).Distinct())
            {
                fired[id]++;
            }

            foreach (var path in PathsTaken(profile, report, Library.Explain(profile)))
            {
                paths[path] = paths.GetValueOrDefault(path) + 1;
            }
        }

        foreach (var (id, count) in fired)
        {
            output.WriteLine($"{id,-28} fired in {count,3} of {profiles.Length} generated profiles");
        }

        foreach (var (path, count) in paths)
        {
            output.WriteLine($"{path,-44} {count,3}");
        }

        string[] needed =
        [
            "gate escalated to critical", "topics.focus kept 10 of more", "resources.drop for 2+ resources", "resources.add-core for 2+ resources",
            "readiness ready", "readiness not-ready", "readiness unknown", "weeks near", "weeks moderate", "weeks none",
            "tactics: same resources and same approach", "burnout: both reasons", "realistic-target: both reasons", "arrange-logistics: both reasons",
            "no-attempts-left: the USMLE's limit", "no-attempts-left: the school's limit", "no-attempts-left: incomplete attempts count",
            "no-attempts-left: img", "no-attempts-left: us-do, COMLEX-USA", "no-attempts-left: weeks suppressed", "final-attempt: the school's limit",
            "final-attempt: incomplete attempts count", "final-attempt-gate: warning", "final-attempt-gate escalated to critical",
            "final attempt: one passing exam is not ready", "final attempt: practice exams unknown is not ready",
            "school.deadline: the booked exam is after it", "school.deadline: the study runs past it", "school.deadline: it has passed",
            "school.deadline: coursework first", "school cards silent for img", "comlex-route: info", "comlex-route: warning, one attempt left",
            "comlex-route: silent with no attempts left", "apply-early: considering", "apply-early: requested and booked",
            "score-report-areas: lower and same", "topics.focus: high-yield discipline", "extended-study: a repeat failure", "exactly 1 point below passing",
            "counseling: no attempts left", "find-confidant: no attempts left", "self-care: no attempts left", "self-care: another run",
            "final attempt: one exam since the failure is not ready", "final-attempt: proven by practice exams", "final-attempt-gate: one exam taken",
            "ready suppresses the study plan and the weeks", "crisis suppresses ready", "crisis suppresses ready, the weeks stay, the study plan quiet",
            "realistic-target: pass/fail", "realistic-target: before pass/fail", "realistic-target: a top score before pass/fail",
            "no-attempts-left: the school's limit of one attempt", "school.deadline: it is today", "school.deadline: it is tomorrow",
            "gate: the retake is today", "gate: the retake is tomorrow", "tactics: no resources named, as before", "topics.focus: seen unknown",
            "about 1 point below passing, not exactly 1", "names trimmed: topic", "names trimmed: practice exam", "names trimmed: specialty",
            "take-nbme: booked, a warning", "take-nbme escalated to critical", "gate: a final attempt asks for the latest 2",
            "final-attempt: no hurry in a crisis", "final-attempt: no hurry in a crisis, practice exams ready", "final-attempt: with an advisor (img)",
            "extended-study: with an advisor (img)", "apply-early: considering, booked", "practice.ready: a final attempt's second reason",
            "final-attempt-gate: 1 of the latest 2 clears", "school.deadline: coursework first, more than 120 days away",
            "school.deadline: quiet, coursework first 270 days or more away", "school.deadline: quiet, the practice exams say ready",
            "readiness: both attempts the school allows", "crisis: no attempts left", "find-confidant: a repeat failure with attempts left",
            .. Library.Rules.ReadinessRules.Select(r => "readiness rule " + r.Id),
        ];
        Assert.All(needed, n => Assert.True(paths.ContainsKey(n), $"no generated profile took the path: {n}"));

        Assert.Equal(RuleIds.Length, fired.Count);
        Assert.Empty(fired.Where(f => f.Value == 0).Select(f => f.Key));
        Assert.Equal(["resilience.self-care"], fired.Where(f => f.Value == profiles.Length).Select(f => f.Key)); // its Expression is "true"
    }

    /// <summary>The less common paths inside the rules a generated profile took, by name.</summary>
    private static IEnumerable<string> PathsTaken(RetakeProfile profile, AdviceReport report, AdviceExplanation explanation)
    {
        var cards = report.Recommendations;
        int Count(string id) => cards.Count(r => r.Id == id);
        int Reasons(string id) => cards.FirstOrDefault(r => r.Id == id)?.Because.Count ?? 0;
        Recommendation? Card(string id) => cards.FirstOrDefault(r => r.Id == id);
        bool Says(string id, string text) => Card(id) is { } card && (card.Summary.Contains(text, StringComparison.Ordinal)
            || card.Detail?.Contains(text, StringComparison.Ordinal) == true || card.Because.Any(b => b.Contains(text, StringComparison.Ordinal)));

        if (Says("planning.no-attempts-left", "the USMLE allows"))
        {
            yield return "no-attempts-left: the USMLE's limit";
        }

        if (Says("planning.no-attempts-left", "your school allows"))
        {
            yield return "no-attempts-left: the school's limit";
        }

        if (Says("planning.no-attempts-left", "incomplete attempts count"))
        {
            yield return "no-attempts-left: incomplete attempts count";
        }

        if (Says("planning.no-attempts-left", "ECFMG"))
        {
            yield return "no-attempts-left: img";
        }

        // The failure band suggests study weeks, and the report leaves them out.
        var facts = AdvicePipeline.Prepare(Library.Rules, profile, explanation.AsOf);
        if (facts.EstimatedStudyWeeks is not null && report.EstimatedStudyWeeks is null && Count("planning.no-attempts-left") == 1)
        {
            yield return "no-attempts-left: weeks suppressed";
        }

        if (Says("planning.final-attempt", " by your school"))
        {
            yield return "final-attempt: the school's limit";
        }

        if (Says("planning.final-attempt", "incomplete attempts count"))
        {
            yield return "final-attempt: incomplete attempts count";
        }

        if (Says("planning.no-attempts-left", "COMLEX-USA"))
        {
            yield return "no-attempts-left: us-do, COMLEX-USA";
        }

        if (Card("practice.final-attempt-gate") is { } finalGate)
        {
            yield return finalGate.Indicator == AdviceIndicator.Critical ? "final-attempt-gate escalated to critical" : "final-attempt-gate: warning";
        }

        if (report.Readiness.Because is [var finalReason, ..] && finalReason.StartsWith("your next attempt is your last", StringComparison.Ordinal))
        {
            yield return report.Readiness.Because is [_] ? "final attempt: practice exams unknown is not ready"
                : report.Readiness.Because[1] == "1 of your latest 2 clears it" ? "final attempt: one passing exam is not ready"
                : report.Readiness.Because[1] == "you have taken 1 since the failure" ? "final attempt: one exam since the failure is not ready"
                : "final attempt: not ready otherwise";
        }

        if (Card("planning.final-attempt") is { Summary: var finalSummary } && finalSummary.Contains("now clear the line", StringComparison.Ordinal))
        {
            yield return "final-attempt: proven by practice exams";
        }

        if (Says("practice.final-attempt-gate", "you have taken 1 practice exam since the failure"))
        {
            yield return "final-attempt-gate: one exam taken";
        }

        // practice.ready holds back the study plan and the weeks; the crisis card holds back practice.ready, which then
        // holds back nothing.
        var readySuppressed = profile.Wellbeing is { ThoughtsOfSelfHarm: true } wellbeing
            && explanation.Rules.Any(r => r.Id == "practice.ready" && r.SuppressedBy == "wellbeing.crisis-support")
            && Library.Advise(profile with { Wellbeing = wellbeing with { ThoughtsOfSelfHarm = false } }).Recommendations.Any(r => r.Id == "practice.ready");
        if (Count("practice.ready") == 1 && facts.EstimatedStudyWeeks is not null && report.EstimatedStudyWeeks is null
            && explanation.StudyWeeksSuppressedBy == "practice.ready")
        {
            yield return "ready suppresses the study plan and the weeks";
        }

        if (readySuppressed)
        {
            yield return "crisis suppresses ready";
        }

        // The study-plan cards read practiceSaysReady themselves: with practice.ready held back by a crisis they stay
        // quiet, while the weeks estimate, which only practice.ready holds back, stays.
        if (readySuppressed && report.EstimatedStudyWeeks is not null
            && Count("planning.near-miss") + Count("planning.extended-study") + Count("planning.repeat-coursework") == 0)
        {
            yield return "crisis suppresses ready, the weeks stay, the study plan quiet";
        }

        if (Card("practice.take-nbme") is { } takeNbme && Says("practice.take-nbme", "your retake is scheduled for"))
        {
            yield return takeNbme.Indicator == AdviceIndicator.Critical ? "take-nbme escalated to critical" : "take-nbme: booked, a warning";
        }

        if (Says("practice.gate-not-passed", "Do not sit your last attempt until your latest 2"))
        {
            yield return "gate: a final attempt asks for the latest 2";
        }

        if (Says("planning.final-attempt", "there is no hurry to sit it"))
        {
            yield return "final-attempt: no hurry in a crisis";
            if (readySuppressed)
            {
                yield return "final-attempt: no hurry in a crisis, practice exams ready";
            }
        }

        if (profile.StudentType == StudentType.Img && Says("planning.final-attempt", "with an advisor"))
        {
            yield return "final-attempt: with an advisor (img)";
        }

        if (profile.StudentType == StudentType.Img && Says("planning.extended-study", "with an advisor"))
        {
            yield return "extended-study: with an advisor (img)";
        }

        if (Card("accommodations.apply-early") is { Summary: var accommodationsSummary } && accommodationsSummary.StartsWith("Request test accommodations now: your retake is booked", StringComparison.Ordinal))
        {
            yield return "apply-early: considering, booked";
        }

        if (Card("practice.ready") is { Because: [_, var finalAttemptReason] } && finalAttemptReason.StartsWith("your next attempt is your last", StringComparison.Ordinal))
        {
            yield return "practice.ready: a final attempt's second reason";
        }

        if (Says("practice.final-attempt-gate", "1 of your latest 2 practice exams since the failure clears the pass line"))
        {
            yield return "final-attempt-gate: 1 of the latest 2 clears";
        }

        if (Says("school.deadline", "which may not fit before then") && facts.DaysUntilPassDeadline > 120)
        {
            yield return "school.deadline: coursework first, more than 120 days away";
        }

        // The deadline card's study cases, had they spoken: nothing booked, the school's deadline still ahead.
        var unbookedStudent = Count("planning.no-attempts-left") == 0 && profile.StudentType != StudentType.Img && facts.ExamDate is null
            && facts.DaysUntilPassDeadline >= 0 && Count("school.deadline") == 0;
        if (unbookedStudent && facts.FailureBand == "low" && facts.PracticeVerdict != "passed" && facts.DaysUntilPassDeadline >= 270)
        {
            yield return "school.deadline: quiet, coursework first 270 days or more away";
        }

        // practiceSaysReady, as the manifest writes it.
        var practiceSaysReady = facts.PracticeVerdict == "passed"
            && !(facts.AttemptsLeft == 1 && (facts.RecentPracticeExams is null || facts.RecentPracticeExams.Take(2).Count(e => e.Verdict == "passed") < 2));
        if (unbookedStudent && practiceSaysReady
            && (facts.FailureBand == "low" ? facts.DaysUntilPassDeadline < 270 : facts.EstimatedStudyWeeks is { } weeks && weeks.Min * 7 > facts.DaysUntilPassDeadline))
        {
            yield return "school.deadline: quiet, the practice exams say ready";
        }

        if (report.Readiness.Because is ["both attempts your school allows have been used"])
        {
            yield return "readiness: both attempts the school allows";
        }

        if (Says("wellbeing.crisis-support", "Whatever comes next can wait"))
        {
            yield return "crisis: no attempts left";
        }

        if (Count("planning.no-attempts-left") == 0 && Says("wellbeing.find-confidant", "Whatever you decide next"))
        {
            yield return "find-confidant: a repeat failure with attempts left";
        }

        if (Card("planning.realistic-target") is { } target)
        {
            yield return target.Detail!.StartsWith("Step 1 reports only pass or fail now", StringComparison.Ordinal) ? "realistic-target: pass/fail" : "realistic-target: before pass/fail";
        }

        if (Says("planning.realistic-target", "after a failure is very rare"))
        {
            yield return "realistic-target: a top score before pass/fail";
        }

        if (Says("planning.no-attempts-left", "you have used 1 attempt; your school allows 1"))
        {
            yield return "no-attempts-left: the school's limit of one attempt";
        }

        if (Says("school.deadline", "which is today"))
        {
            yield return "school.deadline: it is today";
        }

        if (Says("school.deadline", "which is tomorrow"))
        {
            yield return "school.deadline: it is tomorrow";
        }

        if (Says("practice.gate-not-passed", ", today") || Says("practice.final-attempt-gate", ", today"))
        {
            yield return "gate: the retake is today";
        }

        if (Says("practice.gate-not-passed", ", tomorrow") || Says("practice.final-attempt-gate", ", tomorrow"))
        {
            yield return "gate: the retake is tomorrow";
        }

        if (Says("tactics.change-approach", "you name no resources for the retake"))
        {
            yield return "tactics: no resources named, as before";
        }

        if (cards.Any(r => r.Id == "topics.focus" && !r.Because[0].Contains(" of ", StringComparison.Ordinal)))
        {
            yield return "topics.focus: seen unknown";
        }

        if (facts.PointsBelowPassing is { } points && points != 1 && cards.Any(r => r.Because.Any(b => b.EndsWith("about 1 point below passing", StringComparison.Ordinal))))
        {
            yield return "about 1 point below passing, not exactly 1";
        }

        if (profile.Topics is { } padded && padded.Any(t => t.Name != t.Name!.Trim()
            && cards.Any(r => r.Id is "topics.focus" or "topics.skip-low-yield" && r.Actions.Any(a => a.Target == t.Name.Trim()))))
        {
            yield return "names trimmed: topic";
        }

        if (facts.LatestPracticeExam?.Name is { } examName && profile.PracticeExams!.Any(e => e.Name is { } n && n != n.Trim() && n.Trim() == examName)
            && report.Readiness.Because.Concat(cards.SelectMany(r => r.Because)).Any(b => b.Contains("(" + examName + ",", StringComparison.Ordinal)))
        {
            yield return "names trimmed: practice exam";
        }

        if (profile.TargetSpecialty is { } specialty && specialty != specialty.Trim() && Says("planning.realistic-target", specialty.Trim() + " is among"))
        {
            yield return "names trimmed: specialty";
        }

        if (Says("school.deadline", "your retake is scheduled for"))
        {
            yield return "school.deadline: the booked exam is after it";
        }

        if (Says("school.deadline", "which ends after that"))
        {
            yield return "school.deadline: the study runs past it";
        }

        if (Says("school.deadline", "which has passed"))
        {
            yield return "school.deadline: it has passed";
        }

        if (Says("school.deadline", "calls for coursework before a study period"))
        {
            yield return "school.deadline: coursework first";
        }

        if (profile.StudentType == StudentType.Img && profile.School?.Contacted == false)
        {
            yield return "school cards silent for img";
        }

        // With no attempts left the card is suppressed: the no-attempts card speaks of COMLEX-USA instead.
        if (Card("eligibility.comlex-route") is { } comlex)
        {
            yield return comlex.Indicator == AdviceIndicator.Info ? "comlex-route: info"
                : Says("eligibility.comlex-route", "only one attempt is left") ? "comlex-route: warning, one attempt left"
                : "comlex-route: warning, otherwise";
        }
        else if (profile.StudentType == StudentType.UsDo && Count("planning.no-attempts-left") == 1)
        {
            yield return "comlex-route: silent with no attempts left";
        }

        if (Says("accommodations.apply-early", "you are thinking of"))
        {
            yield return "apply-early: considering";
        }

        if (Says("accommodations.apply-early", "without a decision yet") && Card("accommodations.apply-early")!.Summary == "Your accommodations request is still open: keep the retake date movable until the decision arrives.")
        {
            yield return "apply-early: requested and booked";
        }

        if (Says("topics.score-report-areas", "lower than a low pass") && Says("topics.score-report-areas", "the same as a low pass"))
        {
            yield return "score-report-areas: lower and same";
        }

        if (cards.Any(r => r.Id == "topics.focus" && r.Because[0].Contains("% of the exam", StringComparison.Ordinal)))
        {
            yield return "topics.focus: high-yield discipline";
        }

        if (Says("planning.extended-study", "it was failure number"))
        {
            yield return "extended-study: a repeat failure";
        }

        if (cards.Any(r => r.Id.StartsWith("planning.", StringComparison.Ordinal) && r.Because.Any(b => b.EndsWith("about 1 point below passing", StringComparison.Ordinal))))
        {
            yield return "exactly 1 point below passing";
        }

        if (Says("resilience.self-care", "Another run at Step 1"))
        {
            yield return "self-care: another run";
        }

        if (Says("wellbeing.counseling", "what comes next"))
        {
            yield return "counseling: no attempts left";
        }

        if (Says("wellbeing.find-confidant", "Whatever you decide next"))
        {
            yield return "find-confidant: no attempts left";
        }

        if (Says("resilience.self-care", "This is a hard stretch"))
        {
            yield return "self-care: no attempts left";
        }

        yield return "readiness rule " + explanation.Rules.Single(r => r.Readiness is not null && r.Outcome == RuleOutcome.Fired).Id;

        if (cards.Any(r => r.Id == "practice.gate-not-passed" && r.Indicator == AdviceIndicator.Critical))
        {
            yield return "gate escalated to critical";
        }

        if (Count("topics.focus") == 10 && profile.Topics!.Count(t => t.Incorrect >= 3) > 10)
        {
            yield return "topics.focus kept 10 of more";
        }

        if (Count("resources.drop") >= 2)
        {
            yield return "resources.drop for 2+ resources";
        }

        if (Count("resources.add-core") >= 2)
        {
            yield return "resources.add-core for 2+ resources";
        }

        if (Reasons("tactics.change-approach") == 2)
        {
            yield return "tactics: same resources and same approach";
        }

        if (Reasons("resilience.burnout-risk") == 2)
        {
            yield return "burnout: both reasons";
        }

        if (Reasons("planning.realistic-target") == 2)
        {
            yield return "realistic-target: both reasons";
        }

        if (Reasons("school.arrange-logistics") == 2)
        {
            yield return "arrange-logistics: both reasons";
        }

        yield return "readiness " + JsonSerializer.Serialize(report.Readiness.Status, RetakeAdviceJson.Options).Trim('"');
        yield return report.EstimatedStudyWeeks switch
        {
            null => "weeks none",
            { Min: 4 } => "weeks near",
            _ => "weeks moderate",
        };
    }

    public static TheoryData<string> ShippedProfiles()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in Suite.Value.Cases)
        {
            data.Add(testCase.ToString());
        }

        foreach (var sample in Directory.EnumerateFiles(FrozenSamples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add("samples/" + Path.GetFileName(sample));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedProfiles))]
    public void ShippedProfile_HandWrittenReport_IsTheLibrarysReport(string name)
    {
        var profile = name.StartsWith("samples/", StringComparison.Ordinal)
            ? RetakeAdviceJson.ReadProfile(File.ReadAllText(Path.Combine(FrozenBaseline.Directory, name)))
            : Suite.Value.Cases.Single(c => c.ToString() == name).Profile;

        Assert.NotNull(profile);
        AssertSameOutcome(profile);
    }

    [Fact]
    public void ShippedProfiles_CoverEveryRule()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var testCase in Suite.Value.Cases.Where(c => c.Profile is not null))
        {
            try
            {
                ids.UnionWith(HandWritten.Advise(testCase.Profile!).Recommendations.Select(r => r.Id));
            }
            catch (ProfileValidationException)
            {
                // compared in the theory above
            }
        }

        Assert.Equal(RuleIds, ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void BenchmarkProfile_HandWrittenReport_IsTheLibrarysReport(int topics) =>
        AssertSameOutcome(BenchmarkProfiles.Full(topics));

    [Theory]
    [MemberData(nameof(ShippedProfiles))]
    public async Task ShippedProfile_RulesEngineDirectReport_IsTheLibrarysReport(string name)
    {
        var profile = name.StartsWith("samples/", StringComparison.Ordinal)
            ? RetakeAdviceJson.ReadProfile(File.ReadAllText(Path.Combine(FrozenBaseline.Directory, name)))
            : Suite.Value.Cases.Single(c => c.ToString() == name).Profile!;

        await AssertRulesEngineDirectAgrees(profile);
    }

    [Fact]
    public async Task GeneratedProfiles_RulesEngineDirectReport_IsTheLibrarysReport()
    {
        foreach (var profile in Gen.Sample(ProfileArbitraries.Profile, 300, new Rnd(20261127UL), 50))
        {
            await AssertRulesEngineDirectAgrees(profile);
        }
    }

    private static async Task AssertRulesEngineDirectAgrees(RetakeProfile profile)
    {
        string expected;
        try
        {
            expected = RetakeAdviceJson.WriteReport(Library.Advise(profile));
        }
        catch (ProfileValidationException libraryError)
        {
            var directError = await Assert.ThrowsAsync<ProfileValidationException>(() => RulesEngineDirect.Value.AdviseAsync(profile));
            Assert.Equal(libraryError.Errors, directError.Errors);
            return;
        }

        Assert.Equal(expected, RetakeAdviceJson.WriteReport(await RulesEngineDirect.Value.AdviseAsync(profile)));
    }

    public static TheoryData<string, RetakeProfile> InvalidProfiles()
    {
        var asOf = new DateOnly(2026, 11, 27);
        var attempt = new FailedAttempt { Date = new DateOnly(2026, 10, 1), PointsBelowPassing = 5 };
        var ok = new RetakeProfile { AsOf = asOf, FailedAttempts = [attempt] };
        return new TheoryData<string, RetakeProfile>
        {
            { "no attempts", ok with { FailedAttempts = null } },
            { "empty attempts", ok with { FailedAttempts = [] } },
            {
                "attempts: passing score, both measures, future, undated, null, bad points",
                ok with
                {
                    FailedAttempts =
                    [
                        new FailedAttempt { Date = new DateOnly(2019, 6, 1), Score = 194 },
                        new FailedAttempt { Date = new DateOnly(2026, 1, 1), Score = 180, PointsBelowPassing = 16 },
                        new FailedAttempt { Date = new DateOnly(2026, 12, 1), PointsBelowPassing = 300 },
                        new FailedAttempt { Score = 301, PassingScore = 0 },
                        null!,
                        new FailedAttempt { Date = new DateOnly(2026, 2, 1), Score = 150, PassingScore = 140, PointsBelowPassing = -1 },
                    ],
                }
            },
            {
                "topics: duplicates, counts, long names, null",
                ok with
                {
                    Topics =
                    [
                        new TopicResult { Name = "Renal", Seen = 4, Incorrect = 5 },
                        new TopicResult { Name = "  renal ", Seen = -2, Incorrect = -3 },
                        new TopicResult { Name = " ", Seen = 1 },
                        new TopicResult { Name = new string('x', 201), Discipline = new string('d', 201) },
                        null!,
                        new TopicResult { Name = "RENAL", Seen = 100_001, Incorrect = 100_002 },
                        new TopicResult { Name = "Cardio", Seen = 3, Incorrect = 100_001 },
                    ],
                }
            },
            {
                "every other limit",
                ok with
                {
                    DaysSinceResult = -4,
                    Wellbeing = new WellbeingStatus { Distress = 11 },
                    Mentors = [new Mentor { Name = new string('m', 250), Step1Score = 0, Step2Score = 301 }, null!],
                    PreviousResources = ["UWorld", " ", null!],
                    PlannedResources = [new string('r', 201)],
                    PracticeExams =
                    [
                        new PracticeExam { Name = "NBME 30", Date = new DateOnly(2026, 12, 1), PassProbability = 1.5, PercentCorrect = -1, Score = 0 },
                        new PracticeExam { Name = "NBME 31" },
                        null!,
                        new PracticeExam { PercentCorrect = double.NaN },
                    ],
                    ExamDate = new DateOnly(2026, 11, 1),
                    StudyHoursPerDay = double.PositiveInfinity,
                    RestDaysPerWeek = 7.5,
                    PlannedTimeOffMonths = -0.25,
                    TargetScore = 0,
                    TargetSpecialty = new string('s', 300),
                }
            },
            { "too many mentors", ok with { Mentors = Enumerable.Range(0, 101).Select(_ => new Mentor()).ToArray(), DaysSinceResult = 40_000 } },
            {
                "incomplete attempts, the school's limit, content areas",
                ok with
                {
                    IncompleteAttempts = [new IncompleteAttempt(), null!, new IncompleteAttempt { Date = new DateOnly(2026, 12, 1) }, new IncompleteAttempt { Date = asOf }],
                    School = new SchoolStatus { AttemptLimit = 0, PassDeadline = new DateOnly(2020, 1, 1) },
                    ScoreReport = new ScoreReport
                    {
                        ContentAreas =
                        [
                            new ContentAreaResult { Area = "Renal", Performance = ContentAreaPerformance.Lower },
                            new ContentAreaResult { Area = " renal " },
                            new ContentAreaResult { Area = " ", Performance = ContentAreaPerformance.Same },
                            new ContentAreaResult { Area = new string('a', 201), Performance = ContentAreaPerformance.Same },
                            null!,
                            new ContentAreaResult { Area = "Cardio\uD800", Performance = ContentAreaPerformance.Higher },
                            new ContentAreaResult { Area = "RENAL", Performance = ContentAreaPerformance.Higher },
                            new ContentAreaResult(),
                        ],
                    },
                }
            },
            {
                "lone surrogates in every text",
                ok with
                {
                    Mentors = [new Mentor { Name = "\uDC00x" }],
                    PreviousResources = ["UWorld", "\uD83D"],
                    PlannedResources = ["bad\uD800"],
                    PracticeExams = [new PracticeExam { Name = "NBME\uDBFF", Date = asOf, Score = 200 }],
                    Topics = [new TopicResult { Name = "Topic\uDE00", Discipline = "\uD800" }, new TopicResult { Name = "Renal", Discipline = "\uD83D\uDE00 ok" }],
                    TargetSpecialty = "x\uDBFF",
                }
            },
            {
                "a repeated topic after a padded one",
                ok with { Topics = [new TopicResult { Name = "Renal" + new string(' ', 250) }, new TopicResult { Name = "Renal" }, new TopicResult { Name = " renal" }] }
            },
            {
                "two attempts on one day, failed or incomplete, after asOf, undated, null",
                ok with
                {
                    FailedAttempts =
                    [
                        attempt,
                        attempt,
                        null!,
                        new FailedAttempt { Date = new DateOnly(2026, 12, 1), PointsBelowPassing = 5 },
                        new FailedAttempt { Date = new DateOnly(2026, 12, 1), PointsBelowPassing = 5 },
                        new FailedAttempt { Date = new DateOnly(2026, 9, 1), PointsBelowPassing = 3 },
                    ],
                    IncompleteAttempts =
                    [
                        new IncompleteAttempt { Date = new DateOnly(2026, 9, 1) },
                        new IncompleteAttempt(),
                        new IncompleteAttempt { Date = new DateOnly(2026, 10, 1) },
                        null!,
                        new IncompleteAttempt { Date = new DateOnly(2026, 8, 1) },
                        new IncompleteAttempt { Date = new DateOnly(2026, 8, 1) },
                    ],
                }
            },
            {
                "too many incomplete attempts and content areas",
                ok with
                {
                    IncompleteAttempts = Enumerable.Range(0, 101).Select(_ => new IncompleteAttempt { Date = asOf }).ToArray(),
                    School = new SchoolStatus { AttemptLimit = 101 },
                    ScoreReport = new ScoreReport { ContentAreas = Enumerable.Range(0, 101).Select(i => new ContentAreaResult { Area = $"a{i}" }).ToArray() },
                }
            },
            { "too many topics", ok with { Topics = Enumerable.Range(0, 10_001).Select(i => new TopicResult { Name = $"t{i}" }).ToArray() } },
            {
                "enums set in code to numbers that are none of their values, among other errors",
                ok with
                {
                    Mentors = [new Mentor { Role = (MentorRole)9, Step2Score = 0 }, new Mentor { Role = MentorRole.LearningSpecialist }, new Mentor { Role = (MentorRole)(-1) }],
                    TargetSpecialty = new string('s', 201),
                    StudentType = (StudentType)9,
                    Accommodations = (AccommodationsStatus)4,
                    ScoreReport = new ScoreReport
                    {
                        ContentAreas =
                        [
                            new ContentAreaResult { Area = "Renal", Performance = (ContentAreaPerformance)3 },
                            new ContentAreaResult { Area = "Cardio" },
                            new ContentAreaResult { Area = "Immune system", Performance = ContentAreaPerformance.Higher },
                        ],
                    },
                }
            },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public void InvalidProfile_BothThrow_TheSameErrors(string description, RetakeProfile profile)
    {
        var library = Assert.Throws<ProfileValidationException>(() => Library.Advise(profile));
        var handWritten = Assert.Throws<ProfileValidationException>(() => HandWritten.Advise(profile));

        Assert.Equal(library.Errors, handWritten.Errors);
        Assert.True(library.Message == handWritten.Message, $"{description}:\n{library.Message}\n---\n{handWritten.Message}");
    }

    private static void AssertSameOutcome(RetakeProfile profile)
    {
        string expected;
        try
        {
            expected = RetakeAdviceJson.WriteReport(Library.Advise(profile));
        }
        catch (ProfileValidationException libraryError)
        {
            var handError = Assert.Throws<ProfileValidationException>(() => HandWritten.Advise(profile));
            Assert.Equal(libraryError.Errors, handError.Errors);
            return;
        }

        var actual = RetakeAdviceJson.WriteReport(HandWritten.Advise(profile));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            var at = 0;
            while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
            {
                at++;
            }

            throw new XunitException(
                $"The hand-written report differs from the library's at character {at}.\n"
                + $"library:      …{Around(expected, at)}…\nhand-written: …{Around(actual, at)}…\n"
                + $"profile: {JsonSerializer.Serialize(profile, RetakeAdviceJson.Options)}");
        }

        static string Around(string text, int at) => text[Math.Max(0, at - 120)..Math.Min(text.Length, at + 120)];
    }
}

/// <summary>
/// Valid profiles that reach every rule of the default rule set: all fields optional as in the contract (unknown
/// as often as known), values around every threshold, resources spelled through the manifest's aliases,
/// disciplines through the content outline's names and aliases, practice exams dated before and after the latest
/// failure, 1 to 5 failed attempts (one most often) with 0 to 2 incomplete ones, every attempt on a day of its own,
/// and sometimes a school's own attempt limit, a school deadline around the retake or up to 400 days out, US MD, DO and international
/// students, every accommodations status, score-report content areas rated lower, same and higher, mentors of every
/// role, names padded with spaces (topics, practice exams, the specialty), a retake or a school deadline today or
/// tomorrow, and some advice given before Step 1 reported pass or fail only. Never a null where the contract
/// requires a value (FsCheck's own strings would hold nulls; every string here comes from a list).
/// </summary>
public static class ProfileArbitraries
{
    private static readonly string[][] ResourceSpellings =
    [
        ["UWorld", "UW", "uworld", " UWorld QBank ", "UWise", "UWorld Qbank Step 1"],
        ["First Aid", "FA", "first aid for the usmle step 1", "FA Step 1"],
        ["BRS Physiology", "BRS Physio", "Costanzo BRS", "brs physiology"],
        ["Pathoma", "Sattar", "Fundamentals of Pathology", "PATHOMA"],
        ["Anki", "AnKing deck", "Zanki"],
        ["Sketchy", "Sketchy Micro", "SketchyMedical"],
        ["Boards and Beyond", "B&B", "BnB"],
        ["BRS Pathology", "brs pathology "],
        ["Kaplan Lecture Notes", "kaplan lecture notes"],
        ["Amboss", "  AMBOSS  "],
        ["Goljan Audio"],
        ["Picmonic"],
    ];

    private static readonly string?[] Disciplines =
    [
        "physiology", "Pathology", " MICROBIOLOGY ", "pharmacology", "biostatistics", "immunology", "anatomy", "biochemistry", "behavioral science", null,
        "Behavioral Sciences", " gross anatomy ", "Embryology", "genetics", "histology", "biostats", "epidemiology", "micro", "pharm", "physio",
        "behavioural science", "population health", "nutrition", "Gross Anatomy and Embryology", "neurology",
    ];

    /// <summary>Score-report content areas, each with spellings that differ in case and surrounding spaces only.</summary>
    private static readonly string[][] ContentAreaSpellings =
    [
        ["Behavioral health", " behavioral health"],
        ["Biostatistics and epidemiology", "BIOSTATISTICS AND EPIDEMIOLOGY"],
        ["Cardiovascular system", " Cardiovascular system  "],
        ["Musculoskeletal system", "musculoskeletal system"],
        ["Renal and urinary system"],
        ["Reproductive system", "reproductive System "],
        ["Respiratory system"],
        ["Nervous system and special senses"],
        ["Gastrointestinal system", "gastrointestinal system"],
        ["Immune system"],
        ["Blood and lymphoreticular system"],
        ["Endocrine system", "  Endocrine system"],
        ["Multisystem processes and disorders"],
        ["Skin and subcutaneous tissue"],
        ["Human development"],
        ["Zeta area", "zeta area"],
    ];

    private static readonly DateOnly Epoch = new(2024, 6, 1);

    /// <summary>Some advice is given on a day before Step 1 reported pass or fail only (2022-01-26): from here, 700 days on.</summary>
    private static readonly DateOnly ScoredEpoch = new(2020, 6, 1);

    public static Arbitrary<RetakeProfile> Profiles() => Profile.ToArbitrary();

    /// <summary>
    /// Any profile; one in eight is a student with nothing booked and a school deadline ahead, so that the deadline
    /// card's cases without a date (the study runs past it, coursework first within <c>courseworkLeadDays</c>, and
    /// both kept quiet) are not rare.
    /// </summary>
    public static Gen<RetakeProfile> Profile => Gen.Frequency((7, AnyProfile), (1, AnyProfile.SelectMany(WithDeadlineAhead)));

    /// <summary>
    /// The profile with nothing booked and a school pass deadline from today to 400 days after asOf: within the
    /// study weeks, around 270 days (269 and 270 more often), or further.
    /// </summary>
    private static Gen<RetakeProfile> WithDeadlineAhead(RetakeProfile profile) =>
        from days in Gen.Frequency((2, Gen.Choose(0, 60)), (1, Gen.Elements(269, 270)), (3, Gen.Choose(121, 400)))
        select profile with
        {
            ExamDate = null,
            School = (profile.School ?? new SchoolStatus()) with { PassDeadline = profile.AsOf!.Value.AddDays(days) },
        };

    private static Gen<RetakeProfile> AnyProfile =>
        from asOf in Gen.Frequency((5, Gen.Choose(0, 900).Select(d => Epoch.AddDays(d))), (1, Gen.Choose(0, 700).Select(d => ScoredEpoch.AddDays(d))))
        from attemptDays in AttemptCount.SelectMany(n => DistinctDaysBack(n, MaxAttemptDaysBack, []))
        from attempts in Gen.CollectToArray(attemptDays.Select(d => Attempt(asOf.AddDays(-d))))
        let latestFailure = attempts.Select(a => a.Date!.Value).Max()
        from incomplete in IncompleteAttempts(asOf, attemptDays)
        from days in OptStruct(Gen.Choose(0, 400))
        from school in OptClass(School(asOf))
        from wellbeing in OptClass(Wellbeing)
        from mentors in OptClass(Mentors)
        from resources in Resources
        from same in OptStruct(Gen.Elements(true, false))
        from strong in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from exams in OptClass(Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(PracticeExam(asOf, latestFailure, strong), n)))
        from examDate in OptStruct(Gen.Frequency((1, Gen.Elements(0, 1)), (6, Gen.Choose(0, 90))).Select(d => asOf.AddDays(d)))
        from topics in OptClass(Topics)
        from hours in OptStruct(Gen.Choose(0, 96).Select(q => q / 4.0))
        from rest in OptStruct(Gen.Choose(0, 14).Select(h => h / 2.0))
        from timeOff in OptStruct(Gen.Choose(0, 48).Select(h => h / 2.0))
        from targetScore in OptStruct(Gen.Choose(200, 300))
        from specialty in Gen.Elements<string?>(null, null, "neurosurgery", " Neurosurgery ", "NEUROSURGERY", "dermatology", "family medicine", "", "   ")
        from studentType in Gen.Frequency(
            (3, Gen.Constant<StudentType?>(null)), (3, Gen.Constant<StudentType?>(StudentType.UsMd)), (2, Gen.Constant<StudentType?>(StudentType.UsDo)), (2, Gen.Constant<StudentType?>(StudentType.Img)))
        from accommodations in Gen.Frequency(
            (4, Gen.Constant<AccommodationsStatus?>(null)),
            (1, Gen.Constant<AccommodationsStatus?>(AccommodationsStatus.None)),
            (2, Gen.Constant<AccommodationsStatus?>(AccommodationsStatus.Considering)),
            (2, Gen.Constant<AccommodationsStatus?>(AccommodationsStatus.Requested)),
            (1, Gen.Constant<AccommodationsStatus?>(AccommodationsStatus.Approved)))
        from scoreReport in OptClass(ScoreReports, 2, 3)
        select new RetakeProfile
        {
            AsOf = asOf,
            FailedAttempts = attempts,
            IncompleteAttempts = incomplete,
            DaysSinceResult = days,
            School = school,
            Wellbeing = wellbeing,
            Mentors = mentors,
            PreviousResources = resources.Previous,
            PlannedResources = resources.Planned,
            SameApproachAsBefore = same,
            PracticeExams = exams,
            ExamDate = examDate,
            Topics = topics,
            StudyHoursPerDay = hours,
            RestDaysPerWeek = rest,
            PlannedTimeOffMonths = timeOff,
            TargetScore = targetScore,
            TargetSpecialty = specialty,
            StudentType = studentType,
            Accommodations = accommodations,
            ScoreReport = scoreReport,
        };

    /// <summary>Failed attempts: one most often (the only near misses), up to five (past every limit).</summary>
    private static Gen<int> AttemptCount => Gen.Frequency((6, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)), (1, Gen.Constant(4)), (1, Gen.Constant(5)));

    /// <summary>How far back a failed attempt goes, in days from asOf; incomplete attempts go back at most <see cref="MaxIncompleteDaysBack"/>.</summary>
    private const int MaxAttemptDaysBack = 2_000;

    private const int MaxIncompleteDaysBack = 1_500;

    /// <summary>
    /// Incomplete attempts (they count toward the limit): unknown, none, or one or two dated ones, each on a day of
    /// its own (an attempt is one sitting: the profile refuses two on one day, failed or incomplete).
    /// </summary>
    /// <param name="asOf">The day of the advice.</param>
    /// <param name="failedDaysBack">The failed attempts' days, counted back from asOf.</param>
    private static Gen<IncompleteAttempt[]?> IncompleteAttempts(DateOnly asOf, int[] failedDaysBack) => Gen.Frequency(
        (4, Gen.Constant<IncompleteAttempt[]?>(null)),
        (1, Gen.Constant<IncompleteAttempt[]?>([])),
        (2, Gen.Choose(1, 2)
            .SelectMany(n => DistinctDaysBack(n, MaxIncompleteDaysBack, failedDaysBack))
            .Select(days => (IncompleteAttempt[]?)days.Select(d => new IncompleteAttempt { Date = asOf.AddDays(-d) }).ToArray())));

    /// <summary>
    /// <paramref name="count"/> distinct days back from asOf, from 0 to <paramref name="maxDaysBack"/>, none of them
    /// <paramref name="taken"/>: drawn at random, a day already used moves to the next free one (wrapping to 0).
    /// </summary>
    private static Gen<int[]> DistinctDaysBack(int count, int maxDaysBack, int[] taken) =>
        Gen.ArrayOf(Gen.Choose(0, maxDaysBack), count).Select(drawn =>
        {
            var used = new HashSet<int>(taken);
            var days = new int[drawn.Length];
            for (var i = 0; i < drawn.Length; i++)
            {
                var day = drawn[i];
                while (!used.Add(day))
                {
                    day = day == maxDaysBack ? 0 : day + 1;
                }

                days[i] = day;
            }

            return days;
        });

    /// <summary>The score report: content areas unknown, none, or up to 8 distinct ones (one spelling each) rated lower, same or higher.</summary>
    private static Gen<ScoreReport> ScoreReports =>
        from areas in OptClass(
            from count in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 8)))
            from groups in Gen.Shuffle(ContentAreaSpellings)
            from names in Gen.CollectToArray(groups.Take(count).Select(g => Gen.Elements(g)))
            from ratings in Gen.ArrayOf(Gen.Elements(ContentAreaPerformance.Lower, ContentAreaPerformance.Same, ContentAreaPerformance.Higher), count)
            select names.Select((name, i) => new ContentAreaResult { Area = name, Performance = ratings[i] }).ToArray(),
            1,
            5)
        select new ScoreReport { ContentAreas = areas };

    private static Gen<FailedAttempt> Attempt(DateOnly date) =>
        from kind in Gen.Choose(0, 9)
        from below in Gen.Choose(1, 45)
        from explicitStandard in Gen.Choose(180, 240)
        from points in Points
        select kind switch
        {
            <= 2 => new FailedAttempt { Date = date, Score = Math.Max(1, Shipped.Manifest.StandardOn(date) - below) },
            3 => new FailedAttempt { Date = date, Score = explicitStandard - below, PassingScore = explicitStandard },
            <= 8 => new FailedAttempt { Date = date, PointsBelowPassing = points },
            _ => new FailedAttempt { Date = date },
        };

    /// <summary>Distances below passing around the band limits (10 and 20) and with decimals to format.</summary>
    private static Gen<double> Points => Gen.Frequency(
        (2, Gen.Elements(0.004, 0.5, 0.996, 1, 1.004, 9.999, 10, 10.004, 10.005, 10.01, 12.345, 19.995, 19.999, 20, 20.001, 33.3333, 299.9)),
        (5, Gen.Choose(1, 3_500).Select(h => h / 100.0)));

    /// <summary>
    /// The school: what is settled, sometimes its own attempt limit, sometimes a pass deadline from 30 days ago to 120
    /// days ahead (today and tomorrow more often than other days) or further out, to 400 days, around the 270 days
    /// that coursework before a study period is given (269 and 270 more often).
    /// </summary>
    private static Gen<SchoolStatus> School(DateOnly asOf) =>
        from contacted in OptStruct(Gen.Elements(true, false), 1, 3)
        from approved in OptStruct(Gen.Elements(true, false), 1, 3)
        from rotations in OptStruct(Gen.Elements(true, false), 1, 3)
        from limit in OptStruct(Gen.Elements(1, 2, 3, 3, 4, 5, 6, 100), 3, 1)
        from deadline in OptStruct(
            Gen.Frequency((1, Gen.Elements(0, 1)), (6, Gen.Choose(-30, 120)), (1, Gen.Elements(269, 270)), (1, Gen.Choose(121, 400))).Select(d => asOf.AddDays(d)),
            1,
            1)
        select new SchoolStatus { Contacted = contacted, RetakeApproved = approved, RotationsAdjusted = rotations, AttemptLimit = limit, PassDeadline = deadline };

    private static Gen<WellbeingStatus> Wellbeing =>
        from distress in OptStruct(Gen.Choose(0, 10), 1, 3)
        from harm in OptStruct(Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))), 1, 3)
        from confidant in OptStruct(Gen.Elements(true, false), 1, 3)
        select new WellbeingStatus { Distress = distress, ThoughtsOfSelfHarm = harm, HasConfidant = confidant };

    private static Gen<Mentor[]> Mentors => Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(
        from name in Gen.Elements<string?>(null, "Roommate", "Dr. Lee", "Resident mentor")
        from step1 in OptStruct(Gen.Choose(180, 275), 1, 1)
        from step2 in OptStruct(Gen.Choose(200, 280), 1, 1)
        from role in OptStruct(Gen.Elements(MentorRole.Peer, MentorRole.Resident, MentorRole.Faculty, MentorRole.LearningSpecialist), 2, 3)
        select new Mentor { Name = name, Step1Score = step1, Step2Score = step2, Role = role },
        n));

    /// <summary>Previous and planned resources: unknown, independent, or the same set spelled differently.</summary>
    private static Gen<(string[]? Previous, string[]? Planned)> Resources =>
        from previous in OptClass(ResourceGroups)
        from mode in Gen.Choose(0, 9)
        from planned in mode switch
        {
            <= 3 when previous is not null => Spell(previous).Select(p => (string[]?)p),
            <= 8 => OptClass(ResourceGroups.SelectMany(Spell)),
            _ => Gen.Constant<string[]?>(null),
        }
        from previousNames in previous is null ? Gen.Constant<string[]?>(null) : Spell(previous).Select(p => (string[]?)p)
        select (previousNames, planned);

    /// <summary>Distinct resource groups (canonical names with their spellings), 0 to 9 of them.</summary>
    private static Gen<string[][]> ResourceGroups =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 5)), (3, Gen.Choose(6, 9)))
        from shuffled in Gen.Shuffle(ResourceSpellings)
        select shuffled.Take(count).ToArray();

    /// <summary>One spelling per group, in a shuffled order, sometimes with a second spelling of one group.</summary>
    private static Gen<string[]> Spell(string[][] groups) =>
        from names in Gen.CollectToArray(groups.Select(g => Gen.Elements(g)))
        from duplicate in Gen.Choose(0, 4)
        from extra in groups.Length == 0 ? Gen.Constant("") : Gen.Elements(groups[duplicate % groups.Length])
        from order in Gen.Shuffle(duplicate == 0 && groups.Length > 0 ? names.Append(extra).ToArray() : names)
        select order;

    /// <summary>A practice exam dated before or after the latest failure, or undated.</summary>
    /// <param name="asOf">The day of the advice.</param>
    /// <param name="latestFailure">The latest failed attempt.</param>
    /// <param name="strong">
    /// A student whose practice exams pass (each of its measures at or above the pass line): so that two passing
    /// exams in a row, which a final attempt asks for, are not rare.
    /// </param>
    private static Gen<PracticeExam> PracticeExam(DateOnly asOf, DateOnly latestFailure, bool strong)
    {
        var after = asOf.DayNumber - latestFailure.DayNumber;
        var date = Gen.Frequency(
            (1, Gen.Constant<DateOnly?>(null)),
            (3, Gen.Choose(0, 200).Select(d => (DateOnly?)latestFailure.AddDays(-d))),
            (after > 0 ? 6 : 0, Gen.Choose(1, Math.Max(1, after)).Select(d => (DateOnly?)latestFailure.AddDays(d))));
        return
            from name in Gen.Elements<string?>("NBME 30", "NBME 31", "UWSA 2", "Free 120", " NBME 29  ", null)
            from when in date
            from kind in Gen.Choose(0, 5)
            from probability in strong
                ? Gen.Choose(700, 1000).Select(p => p / 1000.0)
                : Gen.Frequency((1, Gen.Elements(0.0, 0.29, 0.3, 0.385, 0.4999, 0.5, 0.505, 0.6999, 0.7, 0.705, 1.0)), (3, Gen.Choose(0, 1000).Select(p => p / 1000.0)))
            from percent in strong
                ? Gen.Choose(680, 900).Select(p => p / 10.0)
                : Gen.Frequency((1, Gen.Elements(0.0, 59.99, 60, 61.5, 64.9, 65, 67.95, 68, 68.04, 100.0)), (3, Gen.Choose(450, 800).Select(p => p / 10.0)))
            from score in strong ? Gen.Choose(196, 240) : Gen.Choose(170, 230)
            select kind switch
            {
                0 => new PracticeExam { Name = name, Date = when, PassProbability = probability },
                1 => new PracticeExam { Name = name, Date = when, PercentCorrect = percent },
                2 => new PracticeExam { Name = name, Date = when, Score = score },
                3 => new PracticeExam { Name = name, Date = when, PercentCorrect = percent, PassProbability = probability },
                4 => new PracticeExam { Name = name, Date = when, Score = score, PercentCorrect = percent },
                _ => new PracticeExam { Name = name, Date = when, Score = score, PercentCorrect = percent, PassProbability = probability },
            };
    }

    /// <summary>Up to 25 topics with unique names (some with spaces or other case), seen and missed around the lines.</summary>
    private static Gen<TopicResult[]> Topics =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 25)))
        from topics in Gen.ArrayOf(
            from discipline in Gen.Elements(Disciplines)
            from seen in OptStruct(Gen.Frequency((1, Gen.Choose(0, 2)), (3, Gen.Choose(3, 30))), 1, 9)
            from share in Gen.Choose(0, 100)
            from unseenMisses in Gen.Choose(0, 12)
            select (discipline, seen, incorrect: seen is { } s ? (int?)(s * share / 100) : share < 20 ? (int?)null : unseenMisses),
            count)
        from style in Gen.ArrayOf(Gen.Choose(0, 5), count)
        select topics.Select((t, i) => new TopicResult
        {
            Name = style[i] switch
            {
                0 => $" Topic {i} ",
                1 => $"topic {i}",
                2 => $"Zeta {i}",
                3 => $"alpha {i}",
                _ => $"Topic {i}",
            },
            Discipline = t.discipline,
            Seen = t.seen,
            Incorrect = t.incorrect,
        }).ToArray();

    private static Gen<T?> OptStruct<T>(Gen<T> gen, int unknown = 1, int known = 3)
        where T : struct =>
        Gen.Frequency((unknown, Gen.Constant<T?>(null)), (known, gen.Select(v => (T?)v)));

    private static Gen<T?> OptClass<T>(Gen<T> gen, int unknown = 1, int known = 3)
        where T : class =>
        Gen.Frequency((unknown, Gen.Constant<T?>(null)), (known, gen.Select(v => (T?)v)));
}
