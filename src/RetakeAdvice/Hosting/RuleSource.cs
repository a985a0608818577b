namespace RetakeAdvice;

/// <summary>
/// Where an advisor's rules come from: the default rule set embedded in the package, or a rule folder
/// (<c>ruleset.json</c> plus workflow files), optionally watched so that each edit is loaded as it lands.
/// </summary>
public sealed class RuleSource
{
    /// <summary>The longest reload delay: a watched edit is live within this long after the last write.</summary>
    public static readonly TimeSpan MaxReloadDelay = TimeSpan.FromSeconds(4);

    /// <summary>The reload delay when none is given.</summary>
    public static readonly TimeSpan DefaultReloadDelay = TimeSpan.FromMilliseconds(500);

    private RuleSource(string? directory, bool watch, TimeSpan reloadDelay, TimeSpan? pollingInterval = null)
    {
        Directory = directory;
        Watch = watch;
        ReloadDelay = reloadDelay;
        PollingInterval = pollingInterval;
    }

    /// <summary>The shortest polling interval: 100 milliseconds.</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The default rule set embedded in the package. It never changes.</summary>
    public static RuleSource Embedded { get; } = new(null, false, TimeSpan.Zero);

    /// <summary>The rule folder, as given; <see langword="null"/> for <see cref="Embedded"/>.</summary>
    public string? Directory { get; }

    /// <summary>Whether the folder is watched: each edit is loaded into a new snapshot and swapped in atomically.</summary>
    public bool Watch { get; }

    /// <summary>How long a watched folder must be quiet after a write before it is reloaded (edits come in bursts).</summary>
    public TimeSpan ReloadDelay { get; }

    /// <summary>
    /// When set, a watched folder is checked on this interval (names, sizes and times of its entries, links
    /// followed) instead of by file-system events, which network file systems do not always deliver.
    /// </summary>
    public TimeSpan? PollingInterval { get; }

    /// <summary>This source, watched by polling on an interval instead of by file-system events.</summary>
    /// <param name="interval">How often to look; at least <see cref="MinPollingInterval"/>.</param>
    /// <returns>The source, polled.</returns>
    /// <exception cref="InvalidOperationException">The source is not a watched folder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is under <see cref="MinPollingInterval"/>.</exception>
    public RuleSource WithPolling(TimeSpan interval)
    {
        if (Directory is null || !Watch)
        {
            throw new InvalidOperationException("Only a watched rule folder can be polled: use FromDirectory(directory, watch: true).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(interval, MinPollingInterval);
        return new RuleSource(Directory, Watch, ReloadDelay, interval);
    }

    /// <summary>A rule folder.</summary>
    /// <param name="directory">The folder: <c>ruleset.json</c> plus workflow files, and optionally <c>tests/*.json</c>.</param>
    /// <param name="watch">
    /// Watch the folder and load each edit into a new snapshot, swapped in atomically; an invalid edit keeps the last
    /// good rule set and is reported in <see cref="RetakeAdvisor.LastReloadError"/>.
    /// </param>
    /// <param name="reloadDelay">The quiet period before a reload. The default is <see cref="DefaultReloadDelay"/>; at most <see cref="MaxReloadDelay"/>.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reloadDelay"/> is negative or over <see cref="MaxReloadDelay"/>.</exception>
    public static RuleSource FromDirectory(string directory, bool watch = false, TimeSpan? reloadDelay = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var delay = reloadDelay ?? DefaultReloadDelay;
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(reloadDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, MaxReloadDelay, nameof(reloadDelay));
        return new RuleSource(directory, watch, delay);
    }

    /// <summary>The folder, or "the embedded default rule set".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Directory ?? Loading.RuleFolder.EmbeddedLocation;
}
