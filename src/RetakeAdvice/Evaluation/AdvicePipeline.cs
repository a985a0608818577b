using RetakeAdvice.Model;
using RetakeAdvice.Primitives;
using RetakeAdvice.Ranking;
using RetakeAdvice.Validation;

namespace RetakeAdvice.Evaluation;

/// <summary>
/// The one evaluator: validate the profile, derive the facts, evaluate the card rules (suppressions included),
/// render their cards, let the readiness rules decide, rank. Advice, <c>explain</c> (the same pass with a
/// <see cref="EvaluationTrace"/>) and the JSON rule tests all run it.
/// </summary>
internal static class AdvicePipeline
{
    public const int ReportSchemaVersion = 1;

    /// <summary>Checks the profile against the limits and the manifest's standards, then derives the facts.</summary>
    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    public static AdviceFacts Prepare(CompiledRuleSet rules, RetakeProfile profile, DateOnly today)
    {
        var asOf = profile.AsOf ?? today;
        var errors = new ProfileErrors();
        ProfileValidator.Validate(profile, rules.Manifest.StandardOn, errors, asOf);
        errors.ThrowIfAny();
        return FactsBuilder.Build(profile, rules.Manifest, asOf, rules.KeptValues);
    }

    /// <summary>Advises on a profile; with a trace, records what became of every rule.</summary>
    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    /// <exception cref="RuleEvaluationException">A rule threw (unless the trace records errors).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; checked between rules.</exception>
    public static AdviceReport Run(CompiledRuleSet rules, RetakeProfile profile, DateOnly today, EvaluationTrace? trace, CancellationToken cancellationToken)
    {
        using var culture = InvariantCulture.Enter();
        using var fuel = Fuel.Start(rules.Manifest.EvaluationBudget, cancellationToken);
        var facts = Prepare(rules, profile, today);
        if (trace is not null)
        {
            trace.Facts = facts;
        }

        var scratch = Scratch.Acquire(rules.Rules.Count);
        foreach (var rule in rules.CardOrder)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsSkipped(rule, rules, scratch, trace) && EvaluateCard(rule, profile, facts, scratch, trace) && rule.Suppresses is { } suppresses)
            {
                Suppress(rule.Index, suppresses, scratch);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var readiness = JudgeReadiness(rules, profile, facts, scratch, trace);
        var weeks = scratch.WeeksSuppressedBy < 0 ? rules.Manifest.Band(facts.FailureBand)?.StudyWeeks : null;
        if (trace is not null)
        {
            trace.Outcome = (readiness, weeks, scratch.WeeksSuppressedBy < 0 ? null : rules.Rules[scratch.WeeksSuppressedBy]);
        }
        var recommendations = RecommendationRanker.Rank(scratch.Ranked);
        scratch.Release();
        return new AdviceReport
        {
            SchemaVersion = ReportSchemaVersion,
            RuleSet = rules.Info,
            AsOf = facts.AsOf,
            Readiness = readiness,
            EstimatedStudyWeeks = weeks,
            Recommendations = recommendations,
        };
    }

    /// <summary>A rule that is switched off, or that a rule which fired suppressed, is not evaluated.</summary>
    private static bool IsSkipped(CompiledRule rule, CompiledRuleSet rules, Scratch scratch, EvaluationTrace? trace)
    {
        if (!rule.Enabled)
        {
            return true;
        }

        var by = scratch.SuppressedBy[rule.Index];
        if (by < 0)
        {
            return false;
        }

        trace?.Suppressed(rule, rules.Rules[by]);
        return true;
    }

    private static void Suppress(int by, CompiledSuppression suppresses, Scratch scratch)
    {
        foreach (var index in suppresses.Rules)
        {
            if (scratch.SuppressedBy[index] < 0)
            {
                scratch.SuppressedBy[index] = by;
            }
        }

        if (suppresses.StudyWeeks && scratch.WeeksSuppressedBy < 0)
        {
            scratch.WeeksSuppressedBy = by;
        }
    }

    /// <returns>Whether the rule fired: it gave at least one card.</returns>
    private static bool EvaluateCard(CompiledRule rule, RetakeProfile profile, AdviceFacts facts, Scratch scratch, EvaluationTrace? trace)
    {
        var card = rule.Card!;
        var output = scratch.Ranked;
        var part = "Expression";
        try
        {
            if (!rule.Gate(profile, facts, null))
            {
                trace?.Set(rule, RuleOutcome.NotFired);
                return false;
            }

            var indicator = card.Indicator;
            string? escalationBecause = null;
            if (card.Escalation is { } escalation)
            {
                part = "escalation";
                var held = escalation.When(profile, facts, null);
                trace?.Escalation(rule, held);
                if (held)
                {
                    indicator = escalation.Indicator > indicator ? escalation.Indicator : indicator;
                    escalationBecause = escalation.Because?.Render(profile, facts, null);
                }
            }

            if (card.Target is not { } target)
            {
                part = "card";
                output.Add(new RankedRecommendation(CardRenderer.Render(rule, indicator, escalationBecause, profile, facts, null, null), card.PinFirst, 0, output.Count));
                trace?.Fired(rule, indicator);
                return true;
            }

            var picked = trace is null ? scratch.Picked : [];
            var unmatched = trace is null ? null : new List<string>();
            picked.Clear();
            var keep = ItemPicker.Pick(target, profile, facts, picked, unmatched, ref part);
            trace?.Items(rule, picked, unmatched!, keep);
            part = "card";
            for (var i = 0; i < keep; i++)
            {
                var (item, score, name, _) = picked[i];
                output.Add(new RankedRecommendation(CardRenderer.Render(rule, indicator, escalationBecause, profile, facts, item, name), card.PinFirst, score, output.Count));
            }

            picked.Clear();
            if (keep == 0)
            {
                trace?.Set(rule, RuleOutcome.NotFired);
                return false;
            }

            trace?.Fired(rule, indicator);
            return true;
        }
        catch (Exception ex) when (ex is not (RuleEvaluationException or OperationCanceledException))
        {
            if (trace is { RecordErrors: true })
            {
                trace.Failed(rule, part, ex);
                return false;
            }

            throw new RuleEvaluationException(rule.File, rule.Id, part, ex);
        }
    }

    /// <summary>The first readiness rule, in order, whose gate holds decides; with none, the verdict is unknown, with no reasons.</summary>
    private static Readiness JudgeReadiness(CompiledRuleSet rules, RetakeProfile profile, AdviceFacts facts, Scratch scratch, EvaluationTrace? trace)
    {
        foreach (var rule in rules.ReadinessRules)
        {
            if (IsSkipped(rule, rules, scratch, trace))
            {
                continue;
            }

            var part = "Expression";
            try
            {
                if (!rule.Gate(profile, facts, null))
                {
                    trace?.Set(rule, RuleOutcome.NotFired);
                    continue;
                }

                part = "because";
                var verdict = rule.Verdict!;
                var because = CardRenderer.Lines(verdict.Because, null, profile, facts, null);
                trace?.Fired(rule, null);
                return new Readiness { Status = verdict.Status, Because = because };
            }
            catch (Exception ex) when (ex is not (RuleEvaluationException or OperationCanceledException))
            {
                if (trace is { RecordErrors: true })
                {
                    trace.Failed(rule, part, ex);
                    continue;
                }

                throw new RuleEvaluationException(rule.File, rule.Id, part, ex);
            }
        }

        return new Readiness { Status = ReadinessStatus.Unknown, Because = [] };
    }
}
