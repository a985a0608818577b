using RetakeAdvice.Batch;

namespace RetakeAdvice;

public sealed partial class RetakeAdvisor
{
    /// <summary>The most profiles advised at once that <see cref="AdviceBatchOptions.MaxDegreeOfParallelism"/> may ask for.</summary>
    public const int MaxBatchParallelism = 256;

    /// <summary>
    /// Advises on a batch of profiles in NDJSON (UTF-8, one profile per line), streamed: lines are read, advised on
    /// every core and answered as they come, in the input's order, in memory that does not grow with the batch. Each
    /// answer is one line: the profile's report on one line (the same JSON value as <see cref="Advise"/> gives), or
    /// <c>{"line": n, "errors": {"$.path": ["why"]}}</c> for a line that is not a valid profile (an empty line
    /// included), or <c>{"line": n, "ruleError": {"rule": id, "message": why}}</c> when a rule throws. Every
    /// profile is advised with the rule set in use when the batch starts, whatever reloads meanwhile.
    /// </summary>
    /// <param name="utf8Ndjson">The profiles, read to its end (or the line past <see cref="AdviceBatchOptions.MaxProfiles"/>); not closed.</param>
    /// <param name="utf8Output">Where the answers go; flushed as answers are ready, not closed.</param>
    /// <param name="options">Parallelism, the most lines, and the advice day; the defaults when null.</param>
    /// <param name="cancellationToken">Stops reading and advising.</param>
    /// <returns>How many lines were answered, and how.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public Task<AdviceBatchSummary> AdviseBatchAsync(Stream utf8Ndjson, Stream utf8Output, AdviceBatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Ndjson);
        ArgumentNullException.ThrowIfNull(utf8Output);
        options ??= new AdviceBatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDegreeOfParallelism, MaxBatchParallelism, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxProfiles, 1, nameof(options));
        return AdviceBatch.RunAsync(this, _state.Rules, utf8Ndjson, utf8Output, options, cancellationToken);
    }
}
