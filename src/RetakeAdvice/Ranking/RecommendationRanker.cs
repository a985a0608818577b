namespace RetakeAdvice.Ranking;

/// <summary>A recommendation with what ranks it beyond its own fields.</summary>
internal readonly record struct RankedRecommendation(Recommendation Recommendation, bool PinFirst, double ItemScore, int Order);

/// <summary>
/// Ranks recommendations: pinned cards first (a rule's <c>pin</c>), then critical, warning, info; then higher
/// priority; then lower step; then id (ordinal); within one per-item rule, higher item score, then target
/// (ordinal). The order is total, so the same input always gives the same list.
/// </summary>
internal static class RecommendationRanker
{
    private static readonly Comparer<RankedRecommendation> Order = Comparer<RankedRecommendation>.Create(Compare);

    public static Recommendation[] Rank(List<RankedRecommendation> items)
    {
        items.Sort(Order);
        var result = new Recommendation[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = items[i].Recommendation;
        }

        return result;
    }

    internal static int Compare(RankedRecommendation x, RankedRecommendation y)
    {
        if (x.PinFirst != y.PinFirst)
        {
            return x.PinFirst ? -1 : 1;
        }

        var a = x.Recommendation;
        var b = y.Recommendation;
        var c = b.Indicator.CompareTo(a.Indicator);
        if (c != 0)
        {
            return c;
        }

        c = b.Priority.CompareTo(a.Priority);
        if (c != 0)
        {
            return c;
        }

        c = a.Step.CompareTo(b.Step);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0)
        {
            return c;
        }

        c = y.ItemScore.CompareTo(x.ItemScore);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Target, b.Target);
        return c != 0 ? c : x.Order.CompareTo(y.Order);
    }
}
