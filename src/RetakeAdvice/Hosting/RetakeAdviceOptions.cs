namespace RetakeAdvice;

/// <summary>
/// The options of <see cref="RetakeAdvisor"/> in a service container: which rule set, and whether to watch it.
/// A mutable class for configuration binding; <see cref="RetakeAdvisor.Create(RuleSource?, TimeProvider?, Microsoft.Extensions.Logging.ILoggerFactory?)"/> takes a <see cref="RuleSource"/>.
/// </summary>
public sealed class RetakeAdviceOptions
{
    /// <summary>A rule folder (<c>ruleset.json</c> plus workflow files) to use instead of the embedded rule set.</summary>
    /// <value>The default value is <see langword="null"/>: the default rule set embedded in the package.</value>
    public string? RulesDirectory { get; set; }

    /// <summary>
    /// Watch <see cref="RulesDirectory"/> and load each edit into a new snapshot, swapped in atomically; an invalid
    /// edit keeps the last good rule set and is reported in <see cref="RetakeAdvisor.LastReloadError"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool WatchRulesDirectory { get; set; }

    /// <summary>How long the folder must be quiet after a write before it is reloaded (edits come in bursts).</summary>
    /// <value>The default value is 500 milliseconds (<see cref="RuleSource.DefaultReloadDelay"/>); at most <see cref="RuleSource.MaxReloadDelay"/>.</value>
    public TimeSpan ReloadDelay { get; set; } = RuleSource.DefaultReloadDelay;

    /// <summary>
    /// Watch by looking at the folder on this interval instead of by file-system events (for network file systems,
    /// which do not always deliver them).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: file-system events. At least <see cref="RuleSource.MinPollingInterval"/>.</value>
    public TimeSpan? PollingInterval { get; set; }

    /// <summary>Checks the options together.</summary>
    /// <exception cref="RetakeAdviceOptionsException">Any option is wrong; every problem is listed.</exception>
    public void Validate()
    {
        var errors = Problems();
        if (errors.Count > 0)
        {
            throw new RetakeAdviceOptionsException(errors);
        }
    }

    /// <summary>Every problem with the options, each naming its option; empty when they are valid.</summary>
    internal List<string> Problems()
    {
        var errors = new List<string>();
        if (RulesDirectory is not null && string.IsNullOrWhiteSpace(RulesDirectory))
        {
            errors.Add($"{nameof(RulesDirectory)}: must not be empty; leave it null for the embedded rule set");
        }
        else if (RulesDirectory is not null && !Directory.Exists(RulesDirectory))
        {
            errors.Add($"{nameof(RulesDirectory)}: the folder '{RulesDirectory}' does not exist");
        }

        if (WatchRulesDirectory && RulesDirectory is null)
        {
            errors.Add($"{nameof(WatchRulesDirectory)}: needs a {nameof(RulesDirectory)} to watch (the embedded rule set never changes)");
        }

        if (PollingInterval is { } interval && (!WatchRulesDirectory || interval < RuleSource.MinPollingInterval))
        {
            errors.Add($"{nameof(PollingInterval)}: {(WatchRulesDirectory ? $"must be at least {RuleSource.MinPollingInterval.TotalMilliseconds:0} ms (was {interval})" : $"needs {nameof(WatchRulesDirectory)}")}");
        }

        if (ReloadDelay < TimeSpan.Zero || ReloadDelay > RuleSource.MaxReloadDelay)
        {
            errors.Add($"{nameof(ReloadDelay)}: must be from 0 to {RuleSource.MaxReloadDelay.TotalSeconds:0} seconds (was {ReloadDelay})");
        }

        return errors;
    }

    /// <summary>The rule source the options describe.</summary>
    /// <returns>The source.</returns>
    /// <exception cref="RetakeAdviceOptionsException">The options are not valid; every problem is listed.</exception>
    public RuleSource ToRuleSource()
    {
        Validate();
        var source = RulesDirectory is null ? RuleSource.Embedded : RuleSource.FromDirectory(RulesDirectory, WatchRulesDirectory, ReloadDelay);
        return PollingInterval is { } interval ? source.WithPolling(interval) : source;
    }
}
