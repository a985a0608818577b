namespace RetakeAdvice.Model;

/// <summary>
/// The order of cards by what their rule gives them: pinned first, then indicator (critical first), priority
/// (highest first), step (lowest first), id (ordinal). One definition, for ranking a report and for the order
/// rules are evaluated in (so that the cards of a call arrive almost sorted).
/// </summary>
internal static class CardOrder
{
    public static int Compare(
        bool pinX, AdviceIndicator indicatorX, int priorityX, int stepX, string idX,
        bool pinY, AdviceIndicator indicatorY, int priorityY, int stepY, string idY)
    {
        if (pinX != pinY)
        {
            return pinX ? -1 : 1;
        }

        // Compared as numbers: Enum.CompareTo(object) would box both values on every comparison.
        var c = ((int)indicatorY).CompareTo((int)indicatorX);
        if (c == 0)
        {
            c = priorityY.CompareTo(priorityX);
        }

        if (c == 0)
        {
            c = stepX.CompareTo(stepY);
        }

        return c != 0 ? c : string.CompareOrdinal(idX, idY);
    }

    /// <summary>Two card rules by the order of their cards before any escalation.</summary>
    public static int Compare(CompiledRule x, CompiledRule y)
    {
        var (a, b) = (x.Card!, y.Card!);
        return Compare(a.PinFirst, a.Indicator, a.Priority, a.Step, x.Id, b.PinFirst, b.Indicator, b.Priority, b.Step, y.Id);
    }
}
