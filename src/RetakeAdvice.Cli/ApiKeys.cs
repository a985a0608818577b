using System.Security.Cryptography;
using System.Text;

namespace RetakeAdvice.Cli;

/// <summary>
/// The keys a client may present to <c>serve</c>, read from a file (one key per line; blank lines and lines that
/// start with <c>#</c> are skipped, and a key listed twice counts once). Only their SHA-256 hashes are kept, and a presented key is compared with every
/// one of them in constant time, so neither the comparison's length nor its position tells a client anything.
/// </summary>
public sealed class ApiKeys
{
    /// <summary>The shortest key accepted: 16 characters.</summary>
    public const int MinLength = 16;

    private readonly byte[][] _hashes;

    private ApiKeys(byte[][] hashes) => _hashes = hashes;

    /// <summary>How many keys there are.</summary>
    public int Count => _hashes.Length;

    /// <summary>Keys from text, one per line.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">What to call the text in errors, usually the file's name.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="FormatException">The text has no key, a line holds a key shorter than <see cref="MinLength"/>, or a line has spaces inside.</exception>
    public static ApiKeys Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hashes = new List<byte[]>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length < MinLength)
            {
                throw new FormatException($"{source}, line {lineNumber}: a key has at least {MinLength} characters (this one has {line.Length}).");
            }

            if (line.Any(char.IsWhiteSpace))
            {
                throw new FormatException($"{source}, line {lineNumber}: a key has no spaces inside; one key per line, and a comment on a line of its own (starting with #).");
            }

            var hash = Hash(line);
            if (!hashes.Exists(known => known.AsSpan().SequenceEqual(hash)))
            {
                hashes.Add(hash);
            }
        }

        return hashes.Count == 0
            ? throw new FormatException($"{source} has no key: with no key no request could be served. Put one key per line.")
            : new ApiKeys([.. hashes]);
    }

    /// <summary>Whether <paramref name="key"/> is one of the keys.</summary>
    /// <param name="key">The key a client presented.</param>
    /// <returns><see langword="true"/> when it is one of them.</returns>
    public bool Contains(ReadOnlySpan<char> key)
    {
        var hash = Hash(key);
        var found = false;
        foreach (var known in _hashes)
        {
            found |= CryptographicOperations.FixedTimeEquals(hash, known); // every key, whatever matched
        }

        return found;
    }

    /// <summary>A short id of a key (the start of its SHA-256), to tell clients apart without naming the key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>12 hex digits.</returns>
    public static string Id(ReadOnlySpan<char> key) => Convert.ToHexStringLower(Hash(key), 0, 6);

    // A presented key is as long as a header may be (Kestrel bounds those), so it is hashed from a pooled copy.
    private static byte[] Hash(ReadOnlySpan<char> key)
    {
        var utf8 = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(key.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(key, utf8);
            return SHA256.HashData(utf8.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(utf8, clearArray: true);
        }
    }
}
