using RetakeAdvice.Model;

namespace RetakeAdvice.Evaluation;

/// <summary>
/// The manifest's weight of each discipline spelling one profile uses, looked up once per spelling: thousands of
/// topics share a handful of disciplines, and the manifest's lookup (trimmed, case-insensitive) costs several times
/// a table read. A small open-addressing table keyed by the spelling's length and end characters, entries checked by
/// ordinal equality (immediate when topics share one string instance, a short comparison when each has its own, as a
/// profile read from JSON does). One table per thread, emptied after each profile.
/// </summary>
internal sealed class DisciplineWeights
{
    private const int Size = 64; // a power of two
    private const int MaxEntries = 48;
    private const int MaxProbes = 8;

    [ThreadStatic]
    private static DisciplineWeights? t_cached;

    private readonly string?[] _spellings = new string?[Size];
    private readonly double[] _weights = new double[Size];
    private int _count;

    private DisciplineWeights()
    {
    }

    public static DisciplineWeights Acquire()
    {
        var table = t_cached ?? new DisciplineWeights();
        t_cached = null;
        return table;
    }

    /// <summary>Empties the table (it holds the profile's spellings) and keeps it for the thread's next profile.</summary>
    public void Release()
    {
        if (_count > 0)
        {
            Array.Clear(_spellings);
            _count = 0;
        }

        t_cached = this;
    }

    /// <summary>What <see cref="Manifest.WeightOf"/> gives for the spelling.</summary>
    public double WeightOf(string? spelling, Manifest manifest)
    {
        if (spelling is not { Length: > 0 } text)
        {
            return manifest.WeightOf(spelling);
        }

        var at = ((text.Length * 31) + (text[0] * 7) + text[^1]) & (Size - 1);
        for (var probe = 0; probe < MaxProbes; probe++, at = (at + 1) & (Size - 1))
        {
            var known = _spellings[at];
            if (known is null)
            {
                var weight = manifest.WeightOf(text);
                if (_count < MaxEntries)
                {
                    _spellings[at] = text;
                    _weights[at] = weight;
                    _count++;
                }

                return weight;
            }

            if (string.Equals(known, text, StringComparison.Ordinal))
            {
                return _weights[at];
            }
        }

        return manifest.WeightOf(text); // a profile with many spellings: past the table, each is looked up
    }
}
