using System.Collections;
using System.Globalization;
using System.Text;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Evaluation;

/// <summary>
/// A text with <c>{expression}</c> placeholders, pre-parsed at load: literal parts and compiled values.
/// <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
internal sealed class Template
{
    private readonly string[] _literals;
    private readonly RuleFunc<object?>[] _values;

    public Template(string[] literals, RuleFunc<object?>[] values)
    {
        _literals = literals;
        _values = values;
    }

    public bool IsConstant => _values.Length == 0;

    /// <summary>The text, when the template has no placeholders; otherwise null.</summary>
    public string? ConstantText => _values.Length == 0 ? _literals[0] : null;

    public string Render(RetakeProfile profile, AdviceFacts facts, object? item)
    {
        if (_values.Length == 0)
        {
            return _literals[0];
        }

        if (_values.Length == 1 && _literals[0].Length == 0 && _literals[1].Length == 0)
        {
            // "{item.Name}": the value itself when it is text, no copy.
            var value = _values[0](profile, facts, item);
            if (value is string only)
            {
                return only;
            }

            var single = Acquire();
            Append(single, value);
            return Release(single);
        }

        var text = Acquire();
        for (var i = 0; i < _values.Length; i++)
        {
            text.Append(_literals[i]);
            Append(text, _values[i](profile, facts, item));
        }

        return Release(text.Append(_literals[^1]));
    }

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
                text.Append(b ? "true" : "false");
                break;
            case double d:
                text.Append(d.ToString("0.##", CultureInfo.InvariantCulture));
                break;
            case float f:
                text.Append(f.ToString("0.##", CultureInfo.InvariantCulture));
                break;
            case decimal m:
                text.Append(m.ToString("0.##", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                text.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
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
}
