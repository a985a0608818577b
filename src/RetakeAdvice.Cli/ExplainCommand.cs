using System.Globalization;
using System.Text;

namespace RetakeAdvice.Cli;

/// <summary><c>explain &lt;profile&gt;</c>: every rule, fired or not, with the values that decided it.</summary>
internal static class ExplainCommand
{
    public static Task<int> RunAsync(
        string profilePath,
        string? rulesDirectory,
        string format,
        string? asOf,
        TextReader input,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken) =>
        ProfileCommand.RunAsync(profilePath, rulesDirectory, asOf, input, output, error, (advisor, profile, cancellationToken) =>
        {
            var explanation = advisor.Explain(profile, cancellationToken);
            var text = format == "json" ? RetakeAdviceJson.WriteExplanation(explanation) : Text(explanation);
            // The explanation shows a rule that threw, and goes on; the exit code says what advise would.
            var failed = explanation.Rules.FirstOrDefault(r => r.Outcome == RuleOutcome.Failed);
            return Task.FromResult((text, failed is null ? null : $"{failed.File}: rule '{failed.Id}' {TerminalText.Safe(failed.Error ?? "threw")}"));
        }, cancellationToken);

    internal static string Text(AdviceExplanation explanation)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var fired = explanation.Rules.Count(r => r.Outcome == RuleOutcome.Fired);
        text.Append(inv, $"{explanation.Rules.Count} rules, {fired} fired, for {explanation.AsOf:yyyy-MM-dd}  (rule set {explanation.RuleSet.Name} {explanation.RuleSet.Version})").Append('\n');
        text.Append("readiness: ").Append(Name(explanation.Readiness.Status));
        foreach (var reason in explanation.Readiness.Because)
        {
            text.Append(" — ").Append(TerminalText.Safe(reason));
        }

        text.Append('\n').Append("estimated study weeks: ")
            .Append(explanation.EstimatedStudyWeeks is { } weeks ? string.Create(inv, $"{weeks.Min}–{weeks.Max}") : "none")
            .Append(explanation.StudyWeeksSuppressedBy is { } by ? $" (suppressed by {by})" : string.Empty).Append('\n');
        foreach (var rule in explanation.Rules)
        {
            var verdict = rule.Outcome switch
            {
                RuleOutcome.Failed => "ERROR",
                RuleOutcome.Disabled => "disabled",
                RuleOutcome.Fired => "FIRED",
                RuleOutcome.Suppressed => "suppressed",
                RuleOutcome.NotReached => "not reached",
                _ => "not fired",
            };
            text.Append('\n').Append(inv, $"{verdict,-9}  {rule.Id}  ({rule.File})");
            if (rule.Indicator is { } indicator)
            {
                text.Append(inv, $"  {Name(indicator)}");
            }

            if (rule.Readiness is { } readiness)
            {
                text.Append(inv, $"  readiness: {Name(readiness)}");
            }

            if (rule.SuppressedBy is { } suppressor)
            {
                text.Append(inv, $"  by {suppressor}");
            }

            text.Append('\n').Append("    when: ").Append(TerminalText.Safe(rule.Expression)).Append('\n');
            foreach (var value in rule.Values)
            {
                text.Append("      ").Append(TerminalText.Safe(value.Name)).Append(" = ").Append(TerminalText.Safe(value.Value)).Append('\n');
            }

            if (rule.Escalation is not null)
            {
                text.Append("    escalate when: ").Append(TerminalText.Safe(rule.Escalation)).Append(" -> ").Append(rule.Escalated == true ? "yes" : "no").Append('\n');
            }

            if (rule.Items is { } items)
            {
                text.Append(inv, $"    items: {items.Count(i => i.Kept)} kept of {items.Count(i => i.Matched)} matching, {items.Count} in all").Append('\n');
                foreach (var item in items)
                {
                    var state = item.Kept ? "kept" : item.Matched ? "matched, cut by keep" : "no match";
                    text.Append(inv, $"      {TerminalText.Safe(item.Target)}: {state}");
                    if (item.Matched)
                    {
                        text.Append(inv, $", score {item.Score:0.##}");
                    }

                    text.Append('\n');
                }
            }

            if (rule.Error is not null)
            {
                text.Append("    error: ").Append(TerminalText.Safe(rule.Error)).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Name(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "ready",
        ReadinessStatus.NotReady => "not-ready",
        _ => "unknown",
    };

    private static string Name(AdviceIndicator indicator) => indicator switch
    {
        AdviceIndicator.Critical => "critical",
        AdviceIndicator.Warning => "warning",
        _ => "info",
    };
}
