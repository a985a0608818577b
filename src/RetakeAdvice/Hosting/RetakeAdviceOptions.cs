namespace RetakeAdvice;

/// <summary>How a <see cref="RetakeAdvisor"/> is created: which rule set, whether to watch it, which clock.</summary>
public sealed class RetakeAdviceOptions
{
    /// <summary>The longest <see cref="ReloadDelay"/>: an edit is live within this long after the last write.</summary>
    public static readonly TimeSpan MaxReloadDelay = TimeSpan.FromSeconds(4);

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
    /// <value>The default value is 500 milliseconds; at most <see cref="MaxReloadDelay"/>.</value>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The clock for profiles without <c>asOf</c> and for reload timing.</summary>
    /// <value>The default value is <see langword="null"/>: a <see cref="System.TimeProvider"/> registered in the
    /// service container, else <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Checks the options together.</summary>
    /// <exception cref="RetakeAdviceOptionsException">Any option is wrong; every problem is listed.</exception>
    public void Validate()
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

        if (ReloadDelay < TimeSpan.Zero || ReloadDelay > MaxReloadDelay)
        {
            errors.Add($"{nameof(ReloadDelay)}: must be from 0 to {MaxReloadDelay.TotalSeconds:0} seconds (was {ReloadDelay})");
        }

        if (errors.Count > 0)
        {
            throw new RetakeAdviceOptionsException(errors);
        }
    }
}
