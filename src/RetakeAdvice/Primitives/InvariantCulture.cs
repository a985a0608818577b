using System.Globalization;

namespace RetakeAdvice.Primitives;

/// <summary>
/// The one place that decides the culture of the library's text. Expressions format values themselves (string
/// concatenation calls <c>ToString</c>), and messages quote values: the same input must give the same bytes on
/// every host, whatever its culture. Loading, evaluation and profile reading each run inside one scope.
/// </summary>
internal static class InvariantCulture
{
    /// <summary>
    /// Runs the current thread under the invariant culture until the scope is disposed; nothing to do (and nothing
    /// allocated) when it already is.
    /// </summary>
    public static Scope Enter()
    {
        var culture = CultureInfo.CurrentCulture;
        if (ReferenceEquals(culture, CultureInfo.InvariantCulture))
        {
            return default;
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return new Scope(culture);
    }

    /// <summary>Restores the culture the thread had before <see cref="Enter"/>.</summary>
    public readonly struct Scope(CultureInfo? previous) : IDisposable
    {
        public void Dispose()
        {
            if (previous is not null)
            {
                CultureInfo.CurrentCulture = previous;
            }
        }
    }
}
