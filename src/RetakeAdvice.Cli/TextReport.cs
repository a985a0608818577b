using System.Globalization;
using System.Text;

namespace RetakeAdvice.Cli;

/// <summary>The report as a readable, ranked list for people (<c>--format text</c>).</summary>
internal static class TextReport
{
    public static string Write(AdviceReport report)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Advice for {report.AsOf:yyyy-MM-dd}  (rule set {report.RuleSet.Name} {report.RuleSet.Version})").Append('\n');
        text.Append("Readiness: ").Append(Status(report.Readiness.Status));
        if (report.Readiness.Because.Count > 0)
        {
            text.Append(" — ").Append(string.Join("; ", report.Readiness.Because.Select(TerminalText.Safe)));
        }

        text.Append('\n');
        if (report.EstimatedStudyWeeks is { } weeks)
        {
            text.Append(inv, $"Estimated study: {weeks.Min}–{weeks.Max} weeks").Append('\n');
        }

        text.Append('\n');
        if (report.Recommendations.Count == 0)
        {
            text.Append("No recommendations.\n");
        }

        var number = 1;
        foreach (var r in report.Recommendations)
        {
            var label = r.Indicator switch
            {
                AdviceIndicator.Critical => "CRITICAL",
                AdviceIndicator.Warning => "WARNING",
                _ => "INFO",
            };
            text.Append(inv, $"{number,2}. [{label}] {TerminalText.Safe(r.Summary)}").Append('\n');
            var indent = "    ";
            foreach (var because in r.Because)
            {
                text.Append(indent).Append("why: ").Append(TerminalText.Safe(because)).Append('\n');
            }

            foreach (var action in r.Actions)
            {
                text.Append(indent).Append("do:  ").Append(TerminalText.Safe(action.Kind));
                if (action.Target is not null)
                {
                    text.Append(' ').Append(TerminalText.Safe(action.Target));
                }

                if (action.Minutes is { } minutes)
                {
                    text.Append(inv, $" ({minutes} min)");
                }

                text.Append('\n');
            }

            text.Append(indent).Append("from: ").Append(TerminalText.Safe(r.Source.Label)).Append(inv, $"  [{r.Id}]").Append('\n');
            number++;
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Status(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "ready",
        ReadinessStatus.NotReady => "not ready",
        _ => "unknown",
    };
}
