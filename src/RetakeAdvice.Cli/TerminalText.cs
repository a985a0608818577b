using System.Globalization;
using System.Text;

namespace RetakeAdvice.Cli;

/// <summary>
/// Text from a profile or a rule set on its way to a terminal. A topic named <c>\e]0;pwned\a\e[2J</c> would set the
/// window title and clear the screen, a line break would forge a card of its own, and a right-to-left override would
/// reorder what the reader sees. Control characters (C0, DEL, C1), line and paragraph separators and the bidi
/// controls are shown as <c>\u001B</c>-style escapes. Everything else, letters of every script included, is shown
/// as it is (explain's quoted values escape their own quotes and backslashes).
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnsafe(c))
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char c) =>
        c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
