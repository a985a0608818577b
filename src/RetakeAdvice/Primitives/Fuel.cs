using System.Runtime.CompilerServices;

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

    // One object per thread holds the state: a burn reads the thread's state once, not each field.
    [ThreadStatic]
    private static State? t_state;

    private static State Current => t_state ??= new State();

    /// <summary>One unit: called by compiled expressions at the start of every lambda (so kept small enough to inline).</summary>
    public static void Burn()
    {
        var state = t_state;
        if (state is null || ++state.Used >= state.Next)
        {
            BurnSlowly(state);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BurnSlowly(State? state)
    {
        if (state is null)
        {
            state = Current; // the thread's first burn
            if (++state.Used < state.Next)
            {
                return;
            }
        }

        Checkpoint(state);
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
        var state = Current;
        var previous = new Scope(state, state.Used, state.Next, state.Budget, state.Metered, state.Token);
        state.Used = 0;
        state.Budget = budget;
        state.Next = Math.Min(budget, CheckEvery);
        state.Metered = true;
        state.Token = cancellationToken;
        return previous;
    }

    private static void Checkpoint(State state)
    {
        if (!state.Metered)
        {
            state.Next = long.MaxValue; // outside a call (a test running a delegate directly): not metered
            return;
        }

        state.Token.ThrowIfCancellationRequested();
        if (state.Used >= state.Budget)
        {
            throw new EvaluationBudgetException($"the call used its budget of {state.Budget} steps (evaluationBudget)");
        }

        state.Next = Math.Min(state.Budget, state.Used + CheckEvery);
    }

    internal sealed class State
    {
        public long Used;
        public long Next; // the next unit at which the budget and the token are looked at
        public long Budget;
        public bool Metered;
        public CancellationToken Token;
    }

    /// <summary>Restores the metering that was in place before <see cref="Start"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly State _state;
        private readonly long _used;
        private readonly long _next;
        private readonly long _budget;
        private readonly bool _metered;
        private readonly CancellationToken _token;

        internal Scope(State state, long used, long next, long budget, bool metered, CancellationToken token)
        {
            (_state, _used, _next, _budget, _metered, _token) = (state, used, next, budget, metered, token);
        }

        public void Dispose()
        {
            _state.Used = _used;
            _state.Next = _next;
            _state.Budget = _budget;
            _state.Metered = _metered;
            _state.Token = _token;
        }
    }
}

/// <summary>A call ran past its budget of steps or built a text past its limit: a rule that would not finish.</summary>
internal sealed class EvaluationBudgetException(string message) : Exception(message);
