using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RetakeAdvice.Hosting;

/// <summary>
/// The <c>RetakeAdvice</c> meter and activity source. Tags name the rule set and the outcome, and a failing rule
/// by its id; never a profile value (wellbeing and self-harm answers are health data). A meter comes from the
/// container's <see cref="IMeterFactory"/> when there is one, else one shared meter serves every advisor.
/// </summary>
internal sealed class AdviceTelemetry
{
    public const string Name = "RetakeAdvice";
    public const string RuleSetNameTag = "retake_advice.rule_set.name";
    public const string RuleSetVersionTag = "retake_advice.rule_set.version";
    public const string OutcomeTag = "retake_advice.outcome";
    public const string RuleTag = "retake_advice.rule";

    private static readonly string? Version = typeof(AdviceTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Lazy<AdviceTelemetry> LazyShared = new(() => new AdviceTelemetry(new Meter(Name, Version), ownedByContainer: false));

    private readonly bool _ownedByContainer;

    private AdviceTelemetry(Meter meter, bool ownedByContainer)
    {
        Meter = meter;
        _ownedByContainer = ownedByContainer;
        Duration = meter.CreateHistogram<double>("retake_advice.advise.duration", "s", "How long one advice call took, by rule set and outcome.");
        Recommendations = meter.CreateHistogram<int>("retake_advice.report.recommendations", "{recommendation}", "Recommendations in one report.");
        RuleErrors = meter.CreateCounter<long>("retake_advice.rule.errors", "{error}", "Rules that threw while evaluated, by rule id.");
        Reloads = meter.CreateCounter<long>("retake_advice.reloads", "{reload}", "Rule folder reloads, by outcome (swapped or refused).");
    }

    public Meter Meter { get; }

    public Histogram<double> Duration { get; }

    public Histogram<int> Recommendations { get; }

    public Counter<long> RuleErrors { get; }

    public Counter<long> Reloads { get; }

    /// <summary>The container's meter, or the shared one.</summary>
    public static AdviceTelemetry For(IMeterFactory? factory) =>
        factory is null ? LazyShared.Value : new AdviceTelemetry(factory.Create(Name, Version), ownedByContainer: true);

    /// <summary>Observes the age of the rule set an advisor serves (only on a container's meter, which ends with it).</summary>
    public void ObserveRuleSetAge(Func<Measurement<double>> age)
    {
        // On the shared meter every advisor ever created would add a gauge that is never removed.
        if (_ownedByContainer)
        {
            Meter.CreateObservableGauge("retake_advice.rule_set.age", age, "s", "Seconds since the rule set served was loaded.");
        }
    }
}
