using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Hosting;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice;

/// <summary>
/// Turns a <see cref="RetakeProfile"/> into a ranked, explained <see cref="AdviceReport"/>. Sealed and thread-safe:
/// create it once and share it. Every call runs against one immutable, fully compiled snapshot of the rule set
/// (loading compiled every expression, so a call never parses); a reload builds a whole new snapshot and swaps
/// it in atomically, and a failed reload keeps the last good one.
/// </summary>
public sealed partial class RetakeAdvisor : IDisposable
{
    // The default rule set ships precompiled (Precompiled/DefaultRules.g.cs, registered for the embedded folder's
    // SHA-256): nothing is parsed. If rules/ was edited and the file not generated again, the SHA-256 differs and the
    // embedded folder is parsed: a stale compiled set is never served (and a test fails until it is regenerated).
    private static readonly Lazy<CompiledRuleSet> DefaultRules = new(() => RuleSetLoader.Load(RuleFolder.Embedded(withTests: false)));

    private readonly TimeProvider _timeProvider;
    private readonly string? _rulesDirectory;
    private readonly ILogger _logger;
    private readonly Lock _reloadGate = new();
    private volatile State _state;
    private RuleFolderWatcher? _watcher;
    private volatile bool _disposed;

    private readonly AdviceTelemetry? _telemetry;

    private RetakeAdvisor(CompiledRuleSet rules, string? rulesDirectory, TimeProvider? timeProvider, ILogger? logger, AdviceTelemetry? telemetry)
    {
        _rulesDirectory = rulesDirectory;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _state = new State(rules, null, _timeProvider.GetUtcNow());
        _telemetry = telemetry;
        telemetry?.ObserveRuleSetAge(() => new Measurement<double>((_timeProvider.GetUtcNow() - _state.LoadedAt).TotalSeconds, RuleSetTags(_state.Rules.Info)));
    }

    /// <summary>The rule set in use now: name, version and SHA-256.</summary>
    public RuleSetInfo RuleSet => _state.Rules.Info;

    /// <summary>The ids of the rule set's rules (card and readiness rules), in rule-file order.</summary>
    public IReadOnlyList<string> RuleIds => _state.Rules.RuleIds;

    /// <summary>
    /// Why the latest reload failed (every problem, with file, rule and position), or <see langword="null"/> when
    /// the latest reload succeeded or none was tried. The advisor keeps serving its last good rule set meanwhile.
    /// </summary>
    public string? LastReloadError => _state.LastReloadFailure?.Message;

    /// <summary>
    /// The rule set served, its rule ids and the last reload error, read together from one snapshot: a reload that
    /// lands between reading <see cref="RuleSet"/> and <see cref="LastReloadError"/> cannot mix two states.
    /// </summary>
    public RuleSetStatus Status
    {
        get
        {
            var state = _state;
            return new RuleSetStatus { RuleSet = state.Rules.Info, RuleIds = state.Rules.RuleIds, Precompiled = state.Rules.Precompiled, LastReloadError = state.LastReloadFailure?.Message, LastReloadErrors = state.LastReloadFailure?.Errors };
        }
    }

    internal CompiledRuleSet Rules => _state.Rules;

    /// <summary>The full path of the rule folder; null for the embedded rule set.</summary>
    internal string? RulesDirectory => _rulesDirectory;

    /// <summary>Creates an advisor.</summary>
    /// <param name="rules">Where the rules come from. The default is <see cref="RuleSource.Embedded"/>, the default rule set.</param>
    /// <param name="timeProvider">The clock for profiles without <c>asOf</c> and for reload timing. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where the reloads of a watched folder are logged. The default logs nothing.</param>
    /// <returns>The advisor; dispose it to stop watching.</returns>
    /// <exception cref="RuleSetException">The rule set does not load; every problem is listed with file, rule and position.</exception>
    public static RetakeAdvisor Create(RuleSource? rules = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null) =>
        Create(rules, timeProvider, loggerFactory, meterFactory: null);

    /// <summary>As the public <c>Create</c>, with the container's meter factory (the <c>RetakeAdvice</c> meter).</summary>
    internal static RetakeAdvisor Create(RuleSource? rules, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        rules ??= RuleSource.Embedded;
        var telemetry = AdviceTelemetry.For(meterFactory);
        var logger = loggerFactory?.CreateLogger<RetakeAdvisor>();
        if (rules.Directory is null)
        {
            return new(DefaultRules.Value, null, timeProvider, logger, telemetry);
        }

        var directory = Path.GetFullPath(rules.Directory);
        if (!rules.Watch)
        {
            return new RetakeAdvisor(Load(directory, logger), directory, timeProvider, logger, telemetry);
        }

        // Watching starts before the first load, so an edit that lands while it runs is not lost: a change seen
        // before the advisor exists is remembered and reloaded once it does.
        var startup = new WatchStartup();
        var watcher = new RuleFolderWatcher(directory, rules.ReloadDelay, timeProvider ?? TimeProvider.System, startup.Changed, ex => LogWatchFailed((ILogger?)logger ?? NullLogger.Instance, directory, ex.Message), rules.PollingInterval);
        try
        {
            var first = Load(directory, logger);
            // The same gate as every reload: a watched folder whose own tests fail does not start serving.
            RuleFolderTests.Check(directory, new RetakeAdvisor(first, null, timeProvider, null, telemetry: null));
            var advisor = new RetakeAdvisor(first, directory, timeProvider, logger, telemetry) { _watcher = watcher };
            startup.Attach(advisor);
            return advisor;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }
    }

    /// <summary>An advisor over a rule set already loaded (tests and benchmarks compare the parsed and precompiled paths).</summary>
    internal static RetakeAdvisor ForRules(CompiledRuleSet rules, TimeProvider? timeProvider = null) => new(rules, null, timeProvider, null, null);

    /// <summary>Advises on a profile.</summary>
    /// <param name="profile">The student's situation.</param>
    /// <param name="cancellationToken">Checked between rules.</param>
    /// <returns>The ranked report.</returns>
    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    /// <exception cref="RuleEvaluationException">A rule threw while evaluating: a defect in the rule set.</exception>
    public AdviceReport Advise(RetakeProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return AdviseWith(_state.Rules, profile, cancellationToken);
    }

    /// <summary>Advises with a given snapshot of the rules: a batch holds one for all its profiles.</summary>
    internal AdviceReport AdviseWith(CompiledRuleSet rules, RetakeProfile profile, CancellationToken cancellationToken)
    {
        if (_telemetry is null)
        {
            return AdvicePipeline.Run(rules, profile, profile.AsOf ?? Today(), null, cancellationToken);
        }

        using var activity = AdviceTelemetry.Source.StartActivity("advise");
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var report = AdvicePipeline.Run(rules, profile, profile.AsOf ?? Today(), null, cancellationToken); // the clock only when the profile has no asOf
            outcome = "ok";
            _telemetry.Recommendations.Record(report.Recommendations.Count, RuleSetTags(rules.Info));
            return report;
        }
        catch (ProfileValidationException)
        {
            outcome = "invalid_profile";
            throw;
        }
        catch (RuleEvaluationException ex)
        {
            outcome = "rule_error";
            var tags = RuleSetTags(rules.Info);
            tags.Add(AdviceTelemetry.RuleTag, ex.Rule);
            _telemetry.RuleErrors.Add(1, tags);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "canceled";
            throw;
        }
        finally
        {
            var tags = RuleSetTags(rules.Info);
            tags.Add(AdviceTelemetry.OutcomeTag, outcome);
            _telemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            activity?.SetTag(AdviceTelemetry.RuleSetNameTag, rules.Info.Name).SetTag(AdviceTelemetry.RuleSetVersionTag, rules.Info.Version).SetTag(AdviceTelemetry.OutcomeTag, outcome);
        }
    }

    /// <summary>
    /// Advises on a profile, for asynchronous call sites. The work is a short computation that runs on the calling
    /// thread, never I/O: the returned task is already complete (faulted or cancelled when <see cref="Advise"/>
    /// would throw). Call <see cref="Advise"/> where you are not in an asynchronous method.
    /// </summary>
    /// <param name="profile">The student's situation.</param>
    /// <param name="cancellationToken">Checked between rules.</param>
    /// <returns>The ranked report.</returns>
    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    /// <exception cref="RuleEvaluationException">A rule threw while evaluating: a defect in the rule set.</exception>
    public ValueTask<AdviceReport> AdviseAsync(RetakeProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<AdviceReport>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(Advise(profile, cancellationToken));
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken == cancellationToken)
        {
            return ValueTask.FromCanceled<AdviceReport>(cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<AdviceReport>(ex);
        }
    }

    /// <summary>
    /// Explains the advice for a profile: every rule, fired, not fired, suppressed (and by which rule) or not reached,
    /// with the facts and parameter values that decided it, and for per-item rules every item with its score. It is
    /// the same evaluation as <see cref="Advise"/>, traced; a rule that throws is recorded in its explanation instead
    /// of failing the call.
    /// </summary>
    /// <param name="profile">The student's situation.</param>
    /// <param name="cancellationToken">Checked between rules.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    public AdviceExplanation Explain(RetakeProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rules = _state.Rules;
        var trace = new EvaluationTrace(rules, recordErrors: true);
        AdvicePipeline.Run(rules, profile, Today(), trace, cancellationToken);
        return trace.ToExplanation(profile);
    }

    /// <summary>
    /// Loads the rule folder again into a new snapshot and swaps it in. When the folder does not load, the last good
    /// rule set stays, <see cref="LastReloadError"/> says why, and the exception is thrown to the caller (nothing is
    /// logged: the caller has the error). A workflow file that has disappeared is a failure too (restore it, or empty
    /// its rules, or restart without it). The embedded rule set never changes: reloading it does nothing.
    /// </summary>
    /// <exception cref="RuleSetException">The folder does not load now; the advisor keeps its last good rule set.</exception>
    public void Reload()
    {
        if (_rulesDirectory is null)
        {
            return;
        }

        lock (_reloadGate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                var folder = RuleFolder.FromDirectory(_rulesDirectory);
                var deleted = _state.Rules.WorkflowFiles.Except(folder.Workflows.Select(f => f.Path), StringComparer.Ordinal).ToArray();
                if (deleted.Length > 0)
                {
                    // A vanished file is far more often an accident (a half-done deploy, a stray delete) than a
                    // decision: a running host does not drop rules that way.
                    throw new RuleSetException(_rulesDirectory, [.. deleted.Select(file => new RuleSetError
                    {
                        File = file,
                        Message = "was deleted; a running host keeps its last good rule set: restore the file (empty its Rules to retire them), or restart to load the folder without it",
                    })]);
                }

                using var activity = AdviceTelemetry.Source.StartActivity("load");
                var candidate = RuleSetLoader.Load(folder);
                NotePrecompiledSkipped(_logger, _rulesDirectory, candidate);
                RuleFolderTests.Check(_rulesDirectory, new RetakeAdvisor(candidate, null, _timeProvider, null, telemetry: null));
                _state = new State(candidate, null, _timeProvider.GetUtcNow());
                _telemetry?.Reloads.Add(1, new KeyValuePair<string, object?>(AdviceTelemetry.OutcomeTag, "swapped"));
            }
            catch (RuleSetException ex)
            {
                _state = _state with { LastReloadFailure = ex };
                _telemetry?.Reloads.Add(1, new KeyValuePair<string, object?>(AdviceTelemetry.OutcomeTag, "refused"));
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever else a folder can throw while it loads (a file locked mid-write, a defect of ours) is a
                // refused reload like any other, never an exception that escapes a watcher's timer.
                var refused = new RuleSetException(_rulesDirectory, [new RuleSetError { File = ".", Message = $"could not be loaded: {ex.GetType().Name}: {ex.Message}" }]);
                _state = _state with { LastReloadFailure = refused };
                _telemetry?.Reloads.Add(1, new KeyValuePair<string, object?>(AdviceTelemetry.OutcomeTag, "refused"));
                throw refused;
            }
        }
    }

    /// <summary>Stops watching the rule folder, if the advisor watches one.</summary>
    public void Dispose()
    {
        _disposed = true; // a reload already queued on the watcher's timer does nothing after this
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
    }

    /// <summary>A watched folder changed: reload, and log the outcome (there is no caller to throw to).</summary>
    private void ReloadFromWatcher()
    {
        if (_disposed)
        {
            return;
        }

        var before = _state.Rules.Info.Sha256;
        try
        {
            Reload();
            var after = _state.Rules.Info;
            if (after.Sha256 != before)
            {
                LogReloaded(_logger, _rulesDirectory!, after.Name, after.Version, after.Sha256);
            }
        }
        catch (RuleSetException ex)
        {
            LogReloadFailed(_logger, _rulesDirectory!, _state.Rules.Info.Sha256, ex.Message);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);

    private static TagList RuleSetTags(RuleSetInfo info) =>
        new() { { AdviceTelemetry.RuleSetNameTag, info.Name }, { AdviceTelemetry.RuleSetVersionTag, info.Version } };

    // A folder's load, traced as a span of its own.
    private static CompiledRuleSet Load(string directory, ILogger? logger)
    {
        using var activity = AdviceTelemetry.Source.StartActivity("load");
        var rules = RuleSetLoader.Load(RuleFolder.FromDirectory(directory));
        NotePrecompiledSkipped(logger, directory, rules);
        return rules;
    }

    // A precompiled set for this very folder that this library cannot read (another format: generated by another
    // version) is not used, and not silently: the folder was parsed instead, and the log says how to fix it.
    private static void NotePrecompiledSkipped(ILogger? logger, string directory, CompiledRuleSet rules)
    {
        if (logger is not null && !rules.Precompiled && PrecompiledRuleSet.Find(rules.Info.Sha256) is { } skipped)
        {
            LogPrecompiledSkipped(logger, directory, skipped.GetType().FullName ?? skipped.GetType().Name, skipped.FormatVersion, PrecompiledRuleSet.CurrentFormatVersion);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rule set reloaded from {Directory}: {Name} {Version} ({Sha256})")]
    private static partial void LogReloaded(ILogger logger, string directory, string name, string version, string sha256);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rule set reload from {Directory} failed; keeping {Sha256}. {Errors}")]
    private static partial void LogReloadFailed(ILogger logger, string directory, string sha256, string errors);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Rule folder {Directory} was parsed: its precompiled rule set {Type} is of format {Format}, and this version of RetakeAdvice reads format {Current}. Build with the same version of RetakeAdvice.Build as RetakeAdvice")]
    private static partial void LogPrecompiledSkipped(ILogger logger, string directory, string type, int format, int current);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Watching {Directory} failed ({Error}); reloading to be sure")]
    private static partial void LogWatchFailed(ILogger logger, string directory, string error);

    /// <summary>One snapshot: the rule set served and the refused reload (its message and its errors), swapped together.</summary>
    private sealed record State(CompiledRuleSet Rules, RuleSetException? LastReloadFailure, DateTimeOffset LoadedAt);

    /// <summary>Changes the watcher sees before the advisor exists are remembered and reloaded once it does.</summary>
    private sealed class WatchStartup
    {
        private readonly Lock _gate = new();
        private RetakeAdvisor? _advisor;
        private bool _pending;

        public void Changed()
        {
            RetakeAdvisor? advisor;
            lock (_gate)
            {
                advisor = _advisor;
                _pending |= advisor is null;
            }

            advisor?.ReloadFromWatcher();
        }

        public void Attach(RetakeAdvisor advisor)
        {
            bool pending;
            lock (_gate)
            {
                _advisor = advisor;
                pending = _pending;
            }

            if (pending)
            {
                advisor.ReloadFromWatcher();
            }
        }
    }
}
