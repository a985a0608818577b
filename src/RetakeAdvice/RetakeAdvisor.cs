using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;

namespace RetakeAdvice;

/// <summary>
/// Turns a <see cref="RetakeProfile"/> into a ranked, explained <see cref="AdviceReport"/>. Sealed, immutable and
/// thread-safe: create it once and share it. Every call runs against one fully compiled snapshot of the rule set;
/// loading compiled every expression, so a call never parses.
/// </summary>
public sealed class RetakeAdvisor
{
    private static readonly Lazy<CompiledRuleSet> DefaultRules = new(() => RuleSetLoader.Load(RuleFolder.Embedded()));

    private readonly CompiledRuleSet _rules;
    private readonly TimeProvider _timeProvider;

    private RetakeAdvisor(CompiledRuleSet rules, TimeProvider? timeProvider)
    {
        _rules = rules;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The rule set in use: name, version and SHA-256.</summary>
    public RuleSetInfo RuleSet => _rules.Info;

    internal CompiledRuleSet Rules => _rules;

    /// <summary>Creates an advisor on the default rule set embedded in the package.</summary>
    /// <param name="timeProvider">The clock for profiles without <c>asOf</c>. The default is <see cref="TimeProvider.System"/>.</param>
    /// <returns>The advisor.</returns>
    /// <exception cref="RuleSetException">The embedded rule set is broken (a packaging defect).</exception>
    public static RetakeAdvisor CreateDefault(TimeProvider? timeProvider = null) => new(DefaultRules.Value, timeProvider);

    /// <summary>Creates an advisor on a rule folder: <c>ruleset.json</c> plus workflow files.</summary>
    /// <param name="rulesDirectory">The folder.</param>
    /// <param name="timeProvider">The clock for profiles without <c>asOf</c>. The default is <see cref="TimeProvider.System"/>.</param>
    /// <returns>The advisor.</returns>
    /// <exception cref="RuleSetException">Anything in the folder is wrong; every problem is listed with file, rule and position.</exception>
    public static RetakeAdvisor FromDirectory(string rulesDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rulesDirectory);
        return new(RuleSetLoader.Load(RuleFolder.FromDirectory(rulesDirectory)), timeProvider);
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

    private DateOnly Today() => DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
}
