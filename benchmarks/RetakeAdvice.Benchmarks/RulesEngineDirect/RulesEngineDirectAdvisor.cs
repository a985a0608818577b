using System.Text.Json;
using RetakeAdvice.Benchmarks.HandWritten;
using RetakeAdvice.Benchmarks.Support;
using RetakeAdvice.Evaluation;
using RulesEngine.Models;

namespace RetakeAdvice.Benchmarks.RulesEngineDirect;

/// <summary>
/// The anchor: the same rules run the way a .NET developer would first write it with Microsoft RulesEngine.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>One <see cref="RulesEngine.RulesEngine"/> built once from the default rule set's workflows (the same
/// <c>Workflow</c> objects the library loaded from rules/*.json: rule names, expressions, GlobalParams).</item>
/// <item>Per call: validation and facts through the library (<c>Prepare</c>), then
/// <c>ExecuteAllRulesAsync(workflow, profile, facts)</c> for each of the 12 workflows (the manifest's parameters and
/// conditions, <c>finalAttemptUnproven</c> among them, as GlobalParams of each); every rule's condition is
/// decided by RulesEngine (a rule that reports an exception fails the call).</item>
/// <item>A successful rule whose Properties list <c>suppresses</c> (rule names, <c>category:</c> names, or
/// <c>estimatedStudyWeeks</c>) drops those cards and the weeks estimate, read from the rule's own Properties; a rule
/// that is itself suppressed suppresses nothing (the crisis card holds back <c>practice.ready</c>, which then does
/// not hold back the study plan).</item>
/// <item>The successful rules left are mapped to cards by rule name: the texts come from the hand-written card code
/// (<see cref="DefaultCards"/>), filled from the library's facts; the per-item parts of <c>topics.focus</c>,
/// <c>topics.score-report-areas</c>, <c>resources.drop</c>, <c>resources.add-core</c> and
/// <c>topics.skip-low-yield</c>, and the escalations of <c>practice.gate-not-passed</c>,
/// <c>practice.final-attempt-gate</c>, <c>practice.take-nbme</c> and <c>eligibility.comlex-route</c> (which RulesEngine has no notion of) are
/// evaluated by hand with LINQ over the facts, with the default parameters.</item>
/// <item>Ranking with LINQ <c>OrderBy</c>/<c>ThenBy</c> (stable, so the items of a per-item rule keep their order).</item>
/// </list>
/// Naive but reasonable: nothing is parsed per call (RulesEngine caches its compiled rules), nothing is slowed on
/// purpose. The report equals the library's (a test checks it on the shipped profiles).
/// </remarks>
public sealed class RulesEngineDirectAdvisor
{
    private readonly RetakeAdvisor _advisor;
    private readonly RulesEngine.RulesEngine _engine;
    private readonly string[] _workflowNames;
    private readonly TimeProvider _timeProvider;

    /// <param name="advisor">The library's advisor on the same rules: its validation and facts are reused.</param>
    /// <param name="rulesDirectory">The rule folder to read the workflows from; the repository's rules/ by default.</param>
    /// <param name="timeProvider">The clock.</param>
    public RulesEngineDirectAdvisor(RetakeAdvisor advisor, string? rulesDirectory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        _advisor = advisor;
        var workflows = RulesEngineWorkflows.Read(rulesDirectory ?? RepoFiles.Find("rules"));
        _engine = new RulesEngine.RulesEngine(workflows, new ReSettings());
        _workflowNames = workflows.Select(w => w.WorkflowName).ToArray();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    public async Task<AdviceReport> AdviseAsync(RetakeProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var facts = AdvicePipeline.Prepare(_advisor.Rules, profile, DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime));
        var fired = new List<Rule>();
        string? readinessRule = null;
        foreach (var workflowName in _workflowNames)
        {
            var results = await _engine.ExecuteAllRulesAsync(workflowName, new RuleParameter("profile", profile), new RuleParameter("facts", facts));
            foreach (var result in results)
            {
                if (!string.IsNullOrEmpty(result.ExceptionMessage))
                {
                    throw new InvalidOperationException($"{result.Rule.RuleName}: {result.ExceptionMessage}");
                }

                if (result.IsSuccess && RulesEngineWorkflows.IsReadinessRule(result.Rule))
                {
                    readinessRule ??= result.Rule.RuleName; // the first that holds decides
                }
                else if (result.IsSuccess)
                {
                    fired.Add(result.Rule);
                }
            }
        }

        var suppressed = Suppressed(fired);
        var cards = fired
            .Where(rule => !IsSuppressed(rule, suppressed))
            .SelectMany(rule => Map(rule.RuleName, facts))
            .ToList();

        var latest = facts.LatestPracticeExam is { } exam ? ToLatest(exam) : (LatestExam?)null;
        return new AdviceReport
        {
            SchemaVersion = 1,
            RuleSet = _advisor.RuleSet,
            AsOf = facts.AsOf,
            Readiness = DefaultCards.ReadinessBy(readinessRule, facts.AttemptsUsed, facts.AttemptLimit, latest, facts.PracticeExamsSinceFailure, LatestTwoPassed(facts), facts.LatestFailureDate!.Value),
            EstimatedStudyWeeks = suppressed.Contains("estimatedStudyWeeks") ? null : facts.FailureBand switch
            {
                "near" => new StudyWeeks { Min = 4, Max = 8 },
                "moderate" => new StudyWeeks { Min = 8, Max = 12 },
                _ => null,
            },
            Recommendations = cards
                .OrderBy(c => c.Id == "wellbeing.crisis-support" ? 0 : 1)
                .ThenByDescending(c => c.Indicator)
                .ThenByDescending(c => c.Priority)
                .ThenBy(c => c.Step)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>
    /// What the successful rules suppress, counting only those not suppressed themselves: recomputed until it
    /// settles (suppressions form no cycle, so it does within as many rounds as the longest chain).
    /// </summary>
    private static HashSet<string> Suppressed(List<Rule> fired)
    {
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round <= fired.Count; round++)
        {
            var next = fired.Where(rule => !IsSuppressed(rule, suppressed)).SelectMany(Suppresses).ToHashSet(StringComparer.Ordinal);
            if (next.SetEquals(suppressed))
            {
                return suppressed;
            }

            suppressed = next;
        }

        throw new InvalidOperationException("the suppressions did not settle");
    }

    /// <summary>Whether a rule is suppressed by its name or its card's category.</summary>
    private static bool IsSuppressed(Rule rule, HashSet<string> suppressed) =>
        suppressed.Contains(rule.RuleName)
        || (rule.Properties?.TryGetValue("category", out var category) == true && category is JsonElement { ValueKind: JsonValueKind.String } name
            && suppressed.Contains("category:" + name.GetString()));

    /// <summary>How many of the latest two practice exams since the failure passed; null when practice exams are unknown.</summary>
    private static int? LatestTwoPassed(AdviceFacts facts) =>
        facts.RecentPracticeExams?.Take(DefaultRules.FinalAttemptPassingExams).Count(e => e.Verdict == "passed");

    /// <summary>
    /// The manifest's <c>practiceSaysReady</c>, which the deadline card's texts read: the latest practice exam since the
    /// failure passes, and on a final attempt the latest two do.
    /// </summary>
    private static bool PracticeSaysReady(AdviceFacts facts) =>
        facts.PracticeVerdict == "passed" && !DefaultCards.FinalAttemptUnproven(facts.AttemptsLeft, LatestTwoPassed(facts));

    /// <summary>What a rule's Properties say it suppresses when it fires (a JSON array of names).</summary>
    private static IEnumerable<string> Suppresses(Rule rule) =>
        rule.Properties?.TryGetValue("suppresses", out var value) == true && value is JsonElement { ValueKind: JsonValueKind.Array } names
            ? names.EnumerateArray().Select(n => n.GetString()!).ToArray()
            : [];

    private static IEnumerable<Recommendation> Map(string rule, AdviceFacts facts) => rule switch
    {
        "wellbeing.crisis-support" => [DefaultCards.CrisisSupport(facts.AttemptsLeft > 0)],
        "planning.no-attempts-left" => [DefaultCards.NoAttemptsLeft(facts.AttemptsUsed, facts.AttemptLimit, facts.IncompleteAttemptCount, facts.StudentType == "us-do", facts.StudentType == "img")],
        "planning.final-attempt" => [DefaultCards.FinalAttempt(
            facts.AttemptsUsed,
            facts.AttemptLimit,
            facts.IncompleteAttemptCount,
            DefaultCards.FinalAttemptUnproven(facts.AttemptsLeft, LatestTwoPassed(facts)),
            facts.ThoughtsOfSelfHarm == true,
            facts.StudentType != "img")],
        "school.deadline" => [DefaultCards.SchoolDeadline(
            facts.PassDeadline!.Value,
            facts.DaysUntilPassDeadline!.Value,
            facts.ExamDate,
            facts.DaysUntilExam,
            facts.ExamDate == null && !PracticeSaysReady(facts) && facts.EstimatedStudyWeeks != null
                && facts.EstimatedStudyWeeks.Min * DefaultRules.DaysPerWeek > facts.DaysUntilPassDeadline,
            facts.ExamDate == null && !PracticeSaysReady(facts) && facts.FailureBand != null && facts.EstimatedStudyWeeks == null
                && facts.DaysUntilPassDeadline < DefaultRules.CourseworkLeadDays,
            facts.EstimatedStudyWeeks)],
        "practice.gate-not-passed" => [DefaultCards.GateNotPassed(
            facts.DaysUntilExam <= DefaultRules.CriticalWithinDays,
            facts.AttemptsLeft == 1,
            ToLatest(facts.LatestPracticeExam!),
            facts.ExamDate!.Value,
            facts.DaysUntilExam!.Value)],
        "practice.final-attempt-gate" => [DefaultCards.FinalAttemptGate(
            facts.DaysUntilExam <= DefaultRules.CriticalWithinDays,
            facts.RecentPracticeExams!.Count,
            LatestTwoPassed(facts)!.Value,
            facts.ExamDate!.Value,
            facts.DaysUntilExam!.Value)],
        "school.contact-now" => [DefaultCards.ContactNow],
        "eligibility.img-registration" => [DefaultCards.ImgRegistration],
        "wellbeing.counseling" => [DefaultCards.Counseling(facts.Distress!.Value, facts.AttemptsLeft > 0)],
        "practice.no-hail-mary" => [DefaultCards.NoHailMary(ToLatest(facts.LatestPracticeExam!))],
        "planning.repeat-coursework" => [DefaultCards.RepeatCoursework(facts.PointsBelowPassing!.Value)],
        "tactics.change-approach" => [DefaultCards.ChangeApproach(
            facts.SameResourcesAsBefore == true,
            facts.PlannedResources?.Select(r => r.CanonicalName).ToArray(),
            facts.PlannedResources?.Count ?? 0,
            facts.SameApproachAsBefore == true)],
        "practice.take-nbme" => [DefaultCards.TakeNbme(facts.PracticeExamCount!.Value, facts.LatestFailureDate!.Value, facts.ExamDate, facts.DaysUntilExam)],
        "accommodations.apply-early" => [DefaultCards.ApplyEarly(facts.Accommodations == "requested" ? facts.ExamDate : null, facts.ExamDate != null)],
        "eligibility.comlex-route" => [DefaultCards.ComlexRoute(facts.AttemptsLeft)],
        "planning.extended-study" => [DefaultCards.ExtendedStudy(facts.PointsBelowPassing!.Value, facts.FailedAttemptCount, facts.StudentType != "img")],
        "resources.overload" => [DefaultCards.Overload(facts.PlannedResourceCount!.Value)],
        "mentors.find-high-scorer" => [DefaultCards.FindHighScorer(facts.Mentors!.Count)],
        "resilience.burnout-risk" => [DefaultCards.BurnoutRisk(facts.StudyHoursPerDay, facts.RestDaysPerWeek)],
        "topics.score-report-areas" => facts.ContentAreas!
            .Where(a => a.Performance != "higher")
            .OrderByDescending(a => a.Performance == "lower" ? DefaultRules.LowerAreaScore : DefaultRules.SameAreaScore)
            .ThenBy(a => a.Area, StringComparer.Ordinal)
            .Select(a => DefaultCards.ScoreReportArea(a.Area, a.Performance == "lower")),
        "topics.focus" => facts.Topics!
            .Where(t => t.Incorrect >= 3)
            .OrderByDescending(t => t.Incorrect!.Value * t.Weight)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Take(10)
            .Select(t => DefaultCards.FocusTopic(t.Name, t.Discipline, t.Seen, t.Incorrect!.Value, t.Weight)),
        "practice.ready" => [DefaultCards.Ready(ToLatest(facts.LatestPracticeExam!), facts.AttemptsLeft == 1)],
        "planning.near-miss" => [DefaultCards.NearMiss(facts.PointsBelowPassing!.Value)],
        "school.arrange-logistics" => [DefaultCards.ArrangeLogistics(facts.RetakeApproved, facts.RotationsAdjusted)],
        "resources.drop" => facts.PlannedResources!
            .Where(r => !r.IsCore)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => DefaultCards.DropResource(r.Name)),
        "resources.add-core" => facts.MissingCoreResources!
            .Order(StringComparer.Ordinal)
            .Select(core => DefaultCards.AddCore(Array.IndexOf(DefaultRules.CoreOrdinal, core))),
        "wellbeing.find-confidant" => [DefaultCards.FindConfidant(facts.AttemptsLeft > 0, facts.FailedAttemptCount)],
        "planning.realistic-target" => [DefaultCards.RealisticTarget(facts.AsOf, facts.TargetScore, facts.TargetSpecialty, facts.TargetSpecialtyIsCompetitive)],
        "topics.skip-low-yield" => [DefaultCards.SkipLowYield(facts.Topics!.Where(t => t.Seen <= 2).Select(t => new LowYieldTopic(t.Name, t.Seen!.Value)).ToArray())],
        "resilience.self-care" => [DefaultCards.SelfCare(facts.AttemptsLeft > 0, facts.FailedAttemptCount)],
        _ => throw new InvalidOperationException($"no mapping for rule {rule}"),
    };

    private static LatestExam ToLatest(PracticeExamFact exam) => new(
        exam.Name,
        exam.Date!.Value,
        exam.Score,
        exam.PercentCorrect,
        exam.PassProbability,
        exam.Standard!.Value,
        exam.Verdict switch
        {
            "passed" => ExamVerdict.Passed,
            "close" => ExamVerdict.Close,
            _ => ExamVerdict.Failed,
        },
        exam.Measure switch
        {
            "passProbability" => ExamMeasure.PassProbability,
            "percentCorrect" => ExamMeasure.PercentCorrect,
            _ => ExamMeasure.Score,
        });
}
