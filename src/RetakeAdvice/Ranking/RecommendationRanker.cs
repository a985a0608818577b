using System.Runtime.InteropServices;
using RetakeAdvice.Model;

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
    /// <summary>
    /// Ranks the cards. The input usually arrives almost in order (rules are evaluated in
    /// the order of <see cref="CardOrder"/>; only escalated cards move), so an insertion sort is close to one pass. The order
    /// is total, so the result is the same as any other sort's.
    /// </summary>
    public static Recommendation[] Rank(List<RankedRecommendation> items)
    {
        var span = CollectionsMarshal.AsSpan(items);
        for (var i = 1; i < span.Length; i++)
        {
            var current = span[i];
            var j = i - 1;
            while (j >= 0 && Compare(span[j], current) > 0)
            {
                span[j + 1] = span[j];
                j--;
            }

            span[j + 1] = current;
        }

        var result = new Recommendation[span.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = span[i].Recommendation;
        }

        return result;
    }

    internal static int Compare(RankedRecommendation x, RankedRecommendation y)
    {
        var (a, b) = (x.Recommendation, y.Recommendation);
        var c = CardOrder.Compare(x.PinFirst, a.Indicator, a.Priority, a.Step, a.Id, y.PinFirst, b.Indicator, b.Priority, b.Step, b.Id);
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
