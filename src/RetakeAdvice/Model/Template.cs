using System.Collections;
using System.Globalization;
using System.Text;
using RetakeAdvice.Primitives;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Model;

/// <summary>
/// A text with <c>{expression}</c> placeholders, pre-parsed at load: literal parts and compiled writers (a
/// placeholder that reads no input is already part of the literals). <c>{{</c> and <c>}}</c> stand for literal
/// braces.
/// </summary>
internal sealed class Template
{
    private readonly string[] _literals;
    private readonly TemplateWriter[] _writers;
    private readonly RuleFunc<string?>? _whole;
    private readonly RuleFunc<int>? _choose;
    private readonly string[]? _choices;

    /// <param name="literals">The literal parts, one more than <paramref name="writers"/>.</param>
    /// <param name="writers">The placeholders, in order; none for a constant text.</param>
    public Template(string[] literals, TemplateWriter[] writers)
    {
        _literals = literals;
        _writers = writers;
    }

    /// <summary>A template that is exactly one placeholder of type text (<c>{item.Name}</c>): its value, returned as it is.</summary>
    public Template(RuleFunc<string?> whole)
    {
        _literals = [string.Empty];
        _writers = [];
        _whole = whole;
    }

    /// <summary>
    /// A template whose placeholders only choose between texts fixed at load: <paramref name="choose"/> gives the
    /// number of the text a call takes (see <c>TemplateChoices</c>).
    /// </summary>
    public Template(RuleFunc<int> choose, string[] choices)
    {
        _literals = [string.Empty];
        _writers = [];
        _choose = choose;
        _choices = choices;
    }

    public bool IsConstant => _writers.Length == 0 && _whole is null && _choose is null;

    /// <summary>The literal parts, one more than <see cref="Writers"/> (for <c>compile</c>).</summary>
    internal IReadOnlyList<string> Literals => _literals;

    /// <summary>The placeholders' writers, in order (for <c>compile</c>).</summary>
    internal IReadOnlyList<TemplateWriter> Writers => _writers;

    /// <summary>The one placeholder of a template that is exactly one text value; null otherwise (for <c>compile</c>).</summary>
    internal RuleFunc<string?>? Whole => _whole;

    /// <summary>What picks one of <see cref="Choices"/>, for a template that only chooses; null otherwise (for <c>compile</c>).</summary>
    internal RuleFunc<int>? Choose => _choose;

    /// <summary>The texts a template that only chooses returns; null otherwise (for <c>compile</c>).</summary>
    internal IReadOnlyList<string>? Choices => _choices;

    /// <summary>The text, when the template has no placeholders; otherwise null.</summary>
    public string? ConstantText => IsConstant ? _literals[0] : null;

    public string Render(RetakeProfile profile, AdviceFacts facts, object? item)
    {
        if (_choose is not null)
        {
            return _choices![_choose(profile, facts, item)];
        }

        if (_whole is not null)
        {
            // "{item.Name}": the value itself, no copy.
            return _whole(profile, facts, item) ?? string.Empty;
        }

        if (_writers.Length == 0)
        {
            return _literals[0];
        }

        var text = Acquire();
        for (var i = 0; i < _writers.Length; i++)
        {
            text.Append(_literals[i]);
            _writers[i](profile, facts, item, text);
            if (text.Length > MaxRenderedLength)
            {
                text.Clear();
                throw new EvaluationBudgetException($"a text rendered to over {MaxRenderedLength} characters");
            }
        }

        return Release(text.Append(_literals[^1]));
    }

    /// <summary>
    /// The longest rendered text: a card listing the names of 10,000 topics of 200 characters is about 2 million; an
    /// expression inlining a long text thousands of times is stopped here.
    /// </summary>
    public const int MaxRenderedLength = 4_000_000;

    // One builder per thread, reused: rendering a report's texts allocates only the strings themselves.
    [ThreadStatic]
    private static StringBuilder? t_cached;

    private static StringBuilder Acquire()
    {
        var builder = t_cached ?? new StringBuilder(256);
        t_cached = null;
        return builder;
    }

    private static string Release(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= 16 * 1024)
        {
            builder.Clear();
            t_cached = builder;
        }

        return text;
    }

    /// <summary>How values read in text: invariant numbers, ISO dates, lists joined with commas; null is empty.</summary>
    internal static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                text.Append(s);
                break;
            case bool b:
                Write(text, b);
                break;
            case int i:
                Write(text, i);
                break;
            case double d:
                Write(text, d);
                break;
            case float f:
                text.Append(CultureInfo.InvariantCulture, $"{f:0.##}");
                break;
            case decimal m:
                text.Append(CultureInfo.InvariantCulture, $"{m:0.##}");
                break;
            case DateOnly date:
                Write(text, date);
                break;
            case IFormattable formattable:
                text.Append(CultureInfo.InvariantCulture, $"{formattable}");
                break;
            case IEnumerable items:
                var first = true;
                foreach (var element in items)
                {
                    if (!first)
                    {
                        text.Append(", ");
                    }

                    Append(text, element);
                    first = false;
                }

                break;
            default:
                text.Append(value.ToString());
                break;
        }
    }

    // The typed writers a compiled placeholder calls (found by name and parameter type in TemplateCompiler): each
    // writes exactly what Append writes for the same value boxed, without the box or an intermediate string.

    internal static void Write(StringBuilder text, object? value) => Append(text, value);

    internal static void Write(StringBuilder text, string? value) => text.Append(value);

    internal static void Write(StringBuilder text, bool value) => text.Append(value ? "true" : "false");

    internal static void Write(StringBuilder text, bool? value)
    {
        if (value is { } v)
        {
            Write(text, v);
        }
    }

    internal static void Write(StringBuilder text, int value) => text.Append(CultureInfo.InvariantCulture, $"{value}");

    internal static void Write(StringBuilder text, int? value)
    {
        if (value is { } v)
        {
            Write(text, v);
        }
    }

    internal static void Write(StringBuilder text, double value)
    {
        // A whole number (a score, a count of weeks) reads as the integer: what "0.##" writes for it, without the
        // custom format's cost. (long)-0.0 is 0, so no "-0" here either.
        if (Math.Abs(value) < 1e15 && value == Math.Floor(value))
        {
            text.Append(CultureInfo.InvariantCulture, $"{(long)value}");
            return;
        }

        var start = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"{value:0.##}");
        if (text.Length - start == 2 && text[start] == '-' && text[start + 1] == '0')
        {
            text.Remove(start, 1); // -0.0, or a tiny negative rounded away: "0 rest days", never "-0"
        }
    }

    internal static void Write(StringBuilder text, double? value)
    {
        if (value is { } v)
        {
            Write(text, v);
        }
    }

    // "O" is ISO 8601, yyyy-MM-dd for a date, by the standard format's fast path.
    internal static void Write(StringBuilder text, DateOnly value) => text.Append(CultureInfo.InvariantCulture, $"{value:O}");

    internal static void Write(StringBuilder text, DateOnly? value)
    {
        if (value is { } v)
        {
            Write(text, v);
        }
    }

    // What string.Concat writes for an operand: its ToString() (evaluation runs under the invariant culture), or
    // nothing for null. Typed for the common number types so they are formatted in place.

    internal static void WriteConverted(StringBuilder text, object? value) => text.Append(value?.ToString());

    // A whole number reads the same in text as in a placeholder.
    internal static void WriteConverted(StringBuilder text, int value) => Write(text, value);

    internal static void WriteConverted(StringBuilder text, int? value) => Write(text, value);

    internal static void WriteConverted(StringBuilder text, double value)
    {
        // A whole number below 1e15 reads as the integer in the shortest round-trip form too (from 1e15 it takes
        // an exponent); -0.0 + 0.0 is 0.
        if (Math.Abs(value) < 1e15 && value == Math.Floor(value))
        {
            text.Append(CultureInfo.InvariantCulture, $"{(long)value}");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"{value + 0.0}");
    }

    internal static void WriteConverted(StringBuilder text, double? value)
    {
        if (value is { } v)
        {
            WriteConverted(text, v);
        }
    }
}
