using System.Buffers;
using System.Text;

namespace RetakeAdvice.Model;

/// <summary>
/// Escapes profile text for a card's <c>detail</c>, which is Markdown: a name typed by a student reads as those
/// characters and never as a link, an image, raw HTML, emphasis, a heading or a new paragraph. Rule authors' own
/// Markdown is never passed through here, only the profile's text (see <c>MarkdownEscaper</c>).
/// </summary>
internal static class Markdown
{
    // CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that start a construct
    // inside a line: code spans, emphasis, links and images ([ ]), autolinks and raw HTML (< >), entities (&),
    // GFM tables (|), strikethrough (~) and bare links (the ':' of a scheme, the '.' of "www.", the '@' of an email
    // address), and the backslash.
    private static readonly SearchValues<char> s_special = SearchValues.Create("\\`*_[]<>&|~#:@.\r\n\u0085\u2028\u2029\v\f");

    /// <summary>The text with Markdown's punctuation escaped and line breaks made spaces; null stays null.</summary>
    public static string? Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // At the start of a line "-", "+" and "=" begin a list item or a heading rule, and "12." or "12)" a numbered
        // list; the text may be written at the start of one.
        var digits = text.AsSpan().IndexOfAnyExceptInRange('0', '9');
        var numbered = digits is > 0 and < 10 && text[digits] is '.' or ')' ? digits : -1;
        var leading = text[0] is '-' or '+' or '=';
        if (!leading && numbered < 0 && !text.AsSpan().ContainsAny(s_special))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        if (leading)
        {
            escaped.Append('\\');
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '.' or ')' when i == numbered:
                    escaped.Append('\\').Append(c);
                    break;
                case '.':
                    // "www." starts a bare link in GitHub-flavoured Markdown; any other dot is text.
                    escaped.Append(i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase) ? "\\." : ".");
                    break;
                case '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\v' or '\f':
                    escaped.Append(' '); // a line break in a name would end the paragraph the rule author wrote
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '|' or '~' or '#' or ':' or '@':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A placeholder's value as a template writes it (<see cref="Template.Append"/>), escaped.</summary>
    public static string? EscapeValue(object? value)
    {
        if (value is null or string)
        {
            return Escape((string?)value);
        }

        var text = new StringBuilder();
        Template.Append(text, value);
        return Escape(text.ToString());
    }

    /// <summary>An operand of a concatenation as <c>string.Concat</c> writes it (its <c>ToString()</c>), escaped.</summary>
    public static string? EscapeConverted(object? value) => Escape(value?.ToString());
}
