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

    /// <summary>The ids of the rule set's rules, in rule-file order.</summary>
    public IReadOnlyList<string> RuleIds => _rules.RuleIds;

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

    private DateOnly Today() => DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
}
