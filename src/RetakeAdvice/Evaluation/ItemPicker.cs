using System.Collections;
using RetakeAdvice.Model;

namespace RetakeAdvice.Evaluation;

/// <summary>An item a per-item rule matched: the item, its score, its target name, its place in the list.</summary>
internal readonly record struct PickedItem(object? Item, double Score, string Name, int Order);

/// <summary>Runs a per-item rule's parts over its collection.</summary>
internal static class ItemPicker
{
    /// <summary>
    /// The items that match, scored and named, in rank order (score, highest first, then name, then list order);
    /// returns how many to keep. Unknown (null) collections give no items. With <paramref name="unmatched"/> (a
    /// trace) every matching item is returned; without it only the kept ones, chosen by a bounded insertion, so 10
    /// kept of 10,000 items cost no full sort. Either way the kept items are the same.
    /// </summary>
    public static int Pick(CompiledTarget target, RetakeProfile profile, AdviceFacts facts, List<PickedItem> picked, List<string>? unmatched, ref string part)
    {
        part = "target.keep";
        var keep = target.Keep?.Invoke(profile, facts, null) ?? int.MaxValue;
        if (keep < 0)
        {
            throw new InvalidOperationException($"keep is negative ({keep})");
        }

        part = "target.items";
        var items = target.Items(profile, facts, null);
        if (items is null)
        {
            return 0;
        }

        var bounded = unmatched is null && keep != int.MaxValue;
        if (bounded && picked.Capacity < keep + 1)
        {
            picked.Capacity = Math.Min(keep + 1, 1024);
        }

        var order = 0;
        // Arrays of objects (the usual case: facts.Topics is one; arrays are covariant) are walked by index, as
        // are other lists, without an enumerator; the non-generic IList indexer of an array is slow, so not that.
        if (items is object?[] array)
        {
            for (var i = 0; i < array.Length; i++)
            {
                Consider(array[i], ref part);
            }
        }
        else if (items is IList list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Consider(list[i], ref part);
            }
        }
        else
        {
            foreach (var item in items)
            {
                Consider(item, ref part);
            }
        }

        if (!bounded)
        {
            picked.Sort(ItemRank.Instance);
        }

        return Math.Min(keep, picked.Count);

        void Consider(object? item, ref string part)
        {
            part = "target.where";
            if (target.Where is { } where && !where(profile, facts, item))
            {
                if (unmatched is not null)
                {
                    part = "target.name";
                    unmatched.Add(target.Name(profile, facts, item) ?? string.Empty);
                }

                return;
            }

            part = "target.score";
            var score = target.Score?.Invoke(profile, facts, item) ?? 0;
            if (bounded && picked.Count == keep && (keep == 0 || score < picked[^1].Score))
            {
                order++;
                return; // cannot make the cut: ranks after the current last on score alone
            }

            part = "target.name";
            var name = target.Name(profile, facts, item)
                ?? throw new InvalidOperationException("the target name of an item is null");
            var candidate = new PickedItem(item, score, name, order++);
            if (!bounded)
            {
                picked.Add(candidate);
                return;
            }

            var at = picked.BinarySearch(candidate, ItemRank.Instance);
            at = at < 0 ? ~at : at;
            if (at < keep)
            {
                if (picked.Count == keep)
                {
                    picked.RemoveAt(picked.Count - 1);
                }

                picked.Insert(at, candidate);
            }
        }
    }

    /// <summary>The rank of a per-item rule's items: score (highest first), then name (ordinal), then list order.</summary>
    private sealed class ItemRank : IComparer<PickedItem>
    {
        public static readonly ItemRank Instance = new();

        public int Compare(PickedItem a, PickedItem b)
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.Order.CompareTo(b.Order);
        }
    }
}
