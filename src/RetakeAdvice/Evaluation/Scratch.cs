using RetakeAdvice.Ranking;

namespace RetakeAdvice.Evaluation;

/// <summary>
/// The working state of one advice call, kept per thread and reused: a call allocates what its report holds, not
/// the lists it ranks and picks in. A call that throws drops its state; lists grown past 1,024 are dropped too.
/// </summary>
internal sealed class Scratch
{
    private const int MaxKeptCapacity = 1024;

    [ThreadStatic]
    private static Scratch? t_cached;

    public List<RankedRecommendation> Ranked { get; } = new(64);

    public List<PickedItem> Picked { get; } = new(16);

    /// <summary>The index of the rule that suppressed the estimate of study weeks, or -1.</summary>
    public int WeeksSuppressedBy { get; set; }

    /// <summary>Per rule index: the index of the rule that suppressed it, or -1 (at least as long as the rule set).</summary>
    public int[] SuppressedBy { get; private set; } = new int[64];

    public static Scratch Acquire(int ruleCount)
    {
        var scratch = t_cached ?? new Scratch();
        t_cached = null;
        scratch.Ranked.Clear();
        scratch.Ranked.EnsureCapacity(ruleCount + 16);
        if (scratch.SuppressedBy.Length < ruleCount)
        {
            scratch.SuppressedBy = new int[ruleCount];
        }

        Array.Fill(scratch.SuppressedBy, -1, 0, ruleCount);
        scratch.WeeksSuppressedBy = -1;
        return scratch;
    }

    /// <summary>Clears the lists (they hold the report's cards and the profile's items) and keeps them for the thread's next call.</summary>
    public void Release()
    {
        Ranked.Clear();
        Picked.Clear();
        if (Ranked.Capacity <= MaxKeptCapacity && Picked.Capacity <= MaxKeptCapacity && SuppressedBy.Length <= MaxKeptCapacity)
        {
            t_cached = this;
        }
    }
}
