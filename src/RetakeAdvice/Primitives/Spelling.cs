namespace RetakeAdvice.Primitives;

/// <summary>"Did you mean": the closest of some names to a misspelt one, for errors a rule author fixes alone.</summary>
internal static class Spelling
{
    /// <summary>
    /// The name closest to <paramref name="misspelt"/> (case aside), if one is within <paramref name="maxEdits"/>
    /// edits (default: a third of its length, at least 2); ties go to the first in ordinal order.
    /// </summary>
    public static string? Nearest(string misspelt, IEnumerable<string> names, int? maxEdits = null) =>
        names
            .Select(name => (name, distance: EditDistance(misspelt.ToUpperInvariant(), name.ToUpperInvariant())))
            .Where(c => c.distance <= (maxEdits ?? Math.Max(2, misspelt.Length / 3)))
            .OrderBy(c => c.distance)
            .ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => c.name)
            .FirstOrDefault();

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
