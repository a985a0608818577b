using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// The RetakeAdvice meter and activity source: measurements after one call, tagged with the rule set and the outcome,
/// and never with a profile value.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public void Advise_InAContainer_MeasuresDurationAndCardsOnTheContainersMeter_AndTracesASpan()
    {
        var services = new ServiceCollection().AddMetrics().AddRetakeAdvice();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        using var recorded = new Recorder(factory);
        var advisor = provider.GetRequiredService<RetakeAdvisor>();
        var profile = Profiles.Minimal();

        var report = advisor.Advise(profile);

        var duration = Assert.Single(recorded.Of("retake_advice.advise.duration"));
        Assert.True(duration.Value > 0);
        Assert.Equal(("default", advisor.RuleSet.Version, "ok"), (duration.Tags["retake_advice.rule_set.name"], duration.Tags["retake_advice.rule_set.version"], duration.Tags["retake_advice.outcome"]));
        Assert.Equal(report.Recommendations.Count, Assert.Single(recorded.Of("retake_advice.report.recommendations")).Value);
        var span = Assert.Single(recorded.Activities, a => a.OperationName == "advise");
        Assert.Equal("ok", span.GetTagItem("retake_advice.outcome"));
        Assert.NotEmpty(recorded.Of("retake_advice.rule_set.age")); // observed on the container's meter
    }

    [Fact]
    public void Advise_BadProfileOrThrowingRule_RecordsTheOutcome_AndTheRuleById()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("school.contact-now", "facts.LatestPracticeExam.Score > 1");
        using var meters = Meters();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path), null, null, meters.Factory);
        using var recorded = new Recorder(meters.Factory);

        Assert.ThrowsAny<ProfileValidationException>(() => advisor.Advise(new RetakeProfile()));
        Assert.Throws<RuleEvaluationException>(() => advisor.Advise(Profiles.Minimal()));

        Assert.Equal(["invalid_profile", "rule_error"], recorded.Of("retake_advice.advise.duration").Select(m => m.Tags["retake_advice.outcome"]).Order());
        Assert.Equal("school.contact-now", Assert.Single(recorded.Of("retake_advice.rule.errors")).Tags["retake_advice.rule"]);
    }

    [Fact]
    public void Reload_CountsSwappedAndRefused()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var meters = Meters();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path), null, null, meters.Factory);
        using var recorded = new Recorder(meters.Factory);

        advisor.Reload();
        folder.SetRuleExpression("school.contact-now", "facts.NoSuchFact");
        Assert.Throws<RuleSetException>(advisor.Reload);

        Assert.Equal(["refused", "swapped"], recorded.Of("retake_advice.reloads").Select(m => m.Tags["retake_advice.outcome"]).Order());
        Assert.Contains(recorded.Activities, a => a.OperationName == "load");
    }

    [Fact]
    public void Telemetry_CarriesNoProfileValue()
    {
        // Every text and number of a rich profile (self-harm and distress answers included) against every tag.
        var json = File.ReadAllText(Profiles.SamplePath("crisis.json"));
        var profile = RetakeAdviceJson.ReadProfile(json);
        var values = ProfileValues(JsonDocument.Parse(json).RootElement).Where(v => v.Length > 2).ToHashSet(StringComparer.Ordinal);
        using var meters = Meters();
        using var advisor = RetakeAdvisor.Create(null, null, null, meters.Factory);
        using var recorded = new Recorder(meters.Factory);

        advisor.Advise(profile);

        var tags = recorded.Measurements.SelectMany(m => m.Tags.Values).Concat(recorded.Activities.SelectMany(a => a.Tags.Select(t => t.Value))).Select(v => v?.ToString() ?? "").ToList();
        Assert.NotEmpty(tags);
        Assert.DoesNotContain(tags, values.Contains);
        Assert.All(recorded.Measurements.SelectMany(m => m.Tags.Keys), key => Assert.StartsWith("retake_advice.", key, StringComparison.Ordinal));
    }

    // A meter factory of its own per test: tests run in parallel, and a listener on the shared meter would hear them all.
    private static (ServiceProvider Provider, IMeterFactory Factory) MetersCore()
    {
        var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return (provider, provider.GetRequiredService<IMeterFactory>());
    }

    private static OwnMeters Meters() => new(MetersCore());

    private sealed class OwnMeters((ServiceProvider Provider, IMeterFactory Factory) meters) : IDisposable
    {
        public IMeterFactory Factory => meters.Factory;

        public void Dispose() => meters.Provider.Dispose();
    }

    private static IEnumerable<string> ProfileValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => ProfileValues(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ProfileValues),
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Number => [element.GetRawText()],
        _ => [],
    };

    private sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>Listens to the RetakeAdvice meter and activity source while it lives.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _activities;
        private readonly ConcurrentQueue<Measured> _measured = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();

        // The test's own trace: spans of other tests, running in parallel on the same activity source, are not ours.
        private readonly Activity _root = new Activity("telemetry-test").SetIdFormat(ActivityIdFormat.W3C).Start();

        public Recorder(IMeterFactory factory)
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "RetakeAdvice" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
            _meters.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
            _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            _meters.Start();
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "RetakeAdvice",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public IReadOnlyCollection<Measured> Measurements
        {
            get
            {
                _meters.RecordObservableInstruments();
                return _measured;
            }
        }

        public IReadOnlyCollection<Activity> Activities => [.. _stopped.Where(a => a.TraceId == _root.TraceId)];

        public IEnumerable<Measured> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

        public void Dispose()
        {
            _root.Stop();
            _meters.Dispose();
            _activities.Dispose();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measured.Enqueue(new Measured(instrument.Name, value, copy));
        }
    }
}
