using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Hosting;
using RetakeAdvice.Loading;

namespace RetakeAdvice;

/// <summary>
/// Turns a <see cref="RetakeProfile"/> into a ranked, explained <see cref="AdviceReport"/>. Sealed and thread-safe:
/// create it once and share it. Every call runs against one immutable, fully compiled snapshot of the rule set
/// (loading compiled every expression, so a call never parses); a reload builds a whole new snapshot and swaps
/// it in atomically, and a failed reload keeps the last good one.
/// </summary>
public sealed class RetakeAdvisor : IDisposable
{
    private static readonly Lazy<CompiledRuleSet> DefaultRules = new(() => RuleSetLoader.Load(RuleFolder.Embedded()));

    private readonly TimeProvider _timeProvider;
    private readonly string? _rulesDirectory;
    private readonly ILogger _logger;
    private readonly Lock _reloadGate = new();
    private volatile CompiledRuleSet _rules;
    private volatile string? _lastReloadError;
    private RuleFolderWatcher? _watcher;

    private RetakeAdvisor(CompiledRuleSet rules, string? rulesDirectory, TimeProvider? timeProvider, ILogger? logger)
    {
        _rules = rules;
        _rulesDirectory = rulesDirectory;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The rule set in use now: name, version and SHA-256.</summary>
    public RuleSetInfo RuleSet => _rules.Info;

    /// <summary>The ids of the rule set's rules, in rule-file order.</summary>
    public IReadOnlyList<string> RuleIds => _rules.RuleIds;

    /// <summary>
    /// Why the latest reload failed (every problem, with file, rule and position), or <see langword="null"/> when
    /// the latest reload succeeded or none was tried. The advisor keeps serving its last good rule set meanwhile.
    /// </summary>
    public string? LastReloadError => _lastReloadError;

    internal CompiledRuleSet Rules => _rules;

    /// <summary>Creates an advisor on the default rule set embedded in the package.</summary>
    /// <param name="timeProvider">The clock for profiles without <c>asOf</c>. The default is <see cref="TimeProvider.System"/>.</param>
    /// <returns>The advisor.</returns>
    /// <exception cref="RuleSetException">The embedded rule set is broken (a packaging defect).</exception>
    public static RetakeAdvisor CreateDefault(TimeProvider? timeProvider = null) => new(DefaultRules.Value, null, timeProvider, null);

    /// <summary>Creates an advisor on a rule folder: <c>ruleset.json</c> plus workflow files.</summary>
    /// <param name="rulesDirectory">The folder.</param>
    /// <param name="timeProvider">The clock for profiles without <c>asOf</c>. The default is <see cref="TimeProvider.System"/>.</param>
    /// <returns>The advisor.</returns>
    /// <exception cref="RuleSetException">Anything in the folder is wrong; every problem is listed with file, rule and position.</exception>
    public static RetakeAdvisor FromDirectory(string rulesDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rulesDirectory);
        return new(RuleSetLoader.Load(RuleFolder.FromDirectory(rulesDirectory)), Path.GetFullPath(rulesDirectory), timeProvider, null);
    }

    /// <summary>Creates an advisor from options: the rule set, whether to watch its folder, the clock.</summary>
    /// <param name="options">The options.</param>
    /// <param name="loggerFactory">Where reloads are logged; optional.</param>
    /// <returns>The advisor; dispose it to stop watching.</returns>
    /// <exception cref="RetakeAdviceOptionsException">The options are not valid; every problem is listed.</exception>
    /// <exception cref="RuleSetException">The rule set does not load; every problem is listed.</exception>
    public static RetakeAdvisor Create(RetakeAdviceOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = loggerFactory?.CreateLogger<RetakeAdvisor>();
        if (options.RulesDirectory is null)
        {
            return new(DefaultRules.Value, null, options.TimeProvider, logger);
        }

        var directory = Path.GetFullPath(options.RulesDirectory);
        var advisor = new RetakeAdvisor(RuleSetLoader.Load(RuleFolder.FromDirectory(directory)), directory, options.TimeProvider, logger);
        if (options.WatchRulesDirectory)
        {
            advisor._watcher = new RuleFolderWatcher(directory, options.ReloadDelay, advisor._timeProvider, () => advisor.TryReload());
        }

        return advisor;
    }

    /// <summary>Advises on a profile.</summary>
    /// <param name="profile">The student's situation.</param>
    /// <param name="cancellationToken">Checked between rules.</param>
    /// <returns>The ranked report.</returns>
    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    /// <exception cref="RuleEvaluationException">A rule threw while evaluating: a defect in the rule set.</exception>
    public AdviceReport Advise(RetakeProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return _rules.Advise(profile, Today(), cancellationToken);
    }

    /// <summary>Advises on a profile.</summary>
    /// <param name="profile">The student's situation.</param>
    /// <param name="cancellationToken">Checked between rules.</param>
    /// <returns>The ranked report.</returns>
    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    /// <exception cref="RuleEvaluationException">A rule threw while evaluating: a defect in the rule set.</exception>
    public Task<AdviceReport> AdviseAsync(RetakeProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<AdviceReport>(cancellationToken);
        }

        try
        {
            return Task.FromResult(_rules.Advise(profile, Today(), cancellationToken));
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken == cancellationToken)
        {
            return Task.FromCanceled<AdviceReport>(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<AdviceReport>(ex);
        }
    }

    /// <summary>
    /// Explains the advice for a profile: every rule, fired or not, with the facts and parameter values that
    /// decided it, and for per-item rules every item with its score. A diagnostic for rule authors: slower than
    /// <see cref="Advise"/>, and a rule that throws is recorded in its explanation instead of failing the call.
    /// </summary>
    /// <param name="profile">The student's situation.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    public AdviceExplanation Explain(RetakeProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Explaining.Explainer.Explain(_rules, profile, Today());
    }

    /// <summary>
    /// Loads the rule folder again into a new snapshot and swaps it in; on failure the last good rule set stays
    /// and <see cref="LastReloadError"/> says why. A workflow file that has disappeared is a failure too (restore
    /// it, or empty its rules, or restart without it). The embedded rule set never changes: reloading it does nothing.
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
            try
            {
                var fresh = RuleSetLoader.Load(RuleFolder.FromDirectory(_rulesDirectory));
                var previous = _rules;
                var deleted = previous.WorkflowFiles.Except(fresh.WorkflowFiles, StringComparer.Ordinal).ToArray();
                if (deleted.Length > 0)
                {
                    // A vanished file is far more often an accident (a half-done deploy, a stray delete) than a
                    // decision: a running host does not drop rules that way.
                    throw new RuleSetException(_rulesDirectory, [.. deleted.Select(file => new RuleSetError(file, null, null, null, null,
                        "was deleted; a running host keeps its last good rule set: restore the file (empty its Rules to retire them), or restart to load the folder without it"))]);
                }

                _rules = fresh;
                _lastReloadError = null;
                if (previous.Info.Sha256 != fresh.Info.Sha256)
                {
                    _logger.LogInformation("Rule set reloaded from {Directory}: {Name} {Version} ({Sha256})", _rulesDirectory, fresh.Info.Name, fresh.Info.Version, fresh.Info.Sha256);
                }
            }
            catch (RuleSetException ex)
            {
                _lastReloadError = ex.Message;
                _logger.LogWarning("Rule set reload from {Directory} failed; keeping {Sha256}. {Errors}", _rulesDirectory, _rules.Info.Sha256, ex.Message);
                throw;
            }
        }
    }

    /// <summary>Stops watching the rule folder, if the advisor watches one.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
    }

    private void TryReload()
    {
        try
        {
            Reload();
        }
        catch (RuleSetException)
        {
            // Recorded in LastReloadError and logged; the last good rule set keeps serving.
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
}
