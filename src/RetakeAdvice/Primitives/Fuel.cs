namespace RetakeAdvice.Primitives;

/// <summary>
/// The budget of one advice call. Compiled rule expressions burn one unit on every call of a lambda (each item a LINQ
/// query hands to its predicate or selector) and on every element that <c>SelectMany</c> and <c>Concat</c> yield
/// (the operators that give more elements than lambda calls), so a rule that loads but would run for ever
/// (<c>ten.SelectMany(a => ten)</c> eleven times over) stops when the call's budget runs out, and every 1,024 units
/// the call's cancellation token is checked, so an abandoned request stops within milliseconds. Texts an expression
/// builds (<c>Replace</c>, <c>Join</c>, <c>Format</c>, nested concatenation) are capped at <see cref="MaxTextLength"/>.
/// The state is per thread: a call runs on one thread, start to end.
/// </summary>
internal static class Fuel
{
    /// <summary>The budget of a call when the rule set names none: the default rules take under 100,000 steps at 10,000 topics.</summary>
    public const long DefaultBudget = 10_000_000;

    /// <summary>The longest text an expression may build.</summary>
    public const int MaxTextLength = 100_000;

    private const int CheckEvery = 1024;

    [ThreadStatic]
    private static long t_used;

    [ThreadStatic]
    private static long t_next; // the next unit at which the budget and the token are looked at

    [ThreadStatic]
    private static long t_budget;

    [ThreadStatic]
    private static bool t_metered;

    [ThreadStatic]
    private static CancellationToken t_token;

    /// <summary>One unit: called by compiled expressions at the start of every lambda.</summary>
    public static void Burn()
    {
        if (++t_used >= t_next)
        {
            Checkpoint();
        }
    }

    /// <summary>The elements of a sequence that can hold more elements than lambda calls made it, one unit each.</summary>
    public static IEnumerable<T> Meter<T>(IEnumerable<T> source)
    {
        foreach (var element in source)
        {
            Burn();
            yield return element;
        }
    }

    /// <summary>A text an expression built, checked against <see cref="MaxTextLength"/>.</summary>
    public static string? Text(string? text)
    {
        if (text is { Length: > MaxTextLength })
        {
            throw new EvaluationBudgetException($"an expression built a text of {text.Length} characters; at most {MaxTextLength} are allowed");
        }

        return text;
    }

    /// <summary>Meters the calls on this thread until the scope is disposed.</summary>
    public static Scope Start(long budget, CancellationToken cancellationToken)
    {
        var previous = new Scope(t_used, t_next, t_budget, t_metered, t_token);
        t_used = 0;
        t_budget = budget;
        t_next = Math.Min(budget, CheckEvery);
        t_metered = true;
        t_token = cancellationToken;
        return previous;
    }

    private static void Checkpoint()
    {
        if (!t_metered)
        {
            t_next = long.MaxValue; // outside a call (a test running a delegate directly): not metered
            return;
        }

        t_token.ThrowIfCancellationRequested();
        if (t_used >= t_budget)
        {
            throw new EvaluationBudgetException($"the call used its budget of {t_budget} steps (evaluationBudget)");
        }

        t_next = Math.Min(t_budget, t_used + CheckEvery);
    }

    /// <summary>Restores the metering that was in place before <see cref="Start"/>.</summary>
    public readonly struct Scope(long used, long next, long budget, bool metered, CancellationToken token) : IDisposable
    {
        public void Dispose()
        {
            t_used = used;
            t_next = next;
            t_budget = budget;
            t_metered = metered;
            t_token = token;
        }
    }
}

/// <summary>A call ran past its budget of steps or built a text past its limit: a rule that would not finish.</summary>
internal sealed class EvaluationBudgetException(string message) : Exception(message);
