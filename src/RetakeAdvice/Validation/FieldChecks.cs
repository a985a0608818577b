using System.Globalization;

namespace RetakeAdvice.Validation;

/// <summary>The checks every profile field is made of: list sizes, nulls, text, scores, counts, ranges.</summary>
internal static class FieldChecks
{
    /// <summary>The message for a list over its limit, from the validator and from the JSON reader alike.</summary>
    public static string TooMany(int count, int max) => $"has {count} items; at most {max} are allowed";

    /// <returns>Whether the list is present and within its size limit.</returns>
    public static bool CheckList<T>(IReadOnlyList<T>? list, FieldPath path, int max, ProfileErrors errors)
    {
        if (list is null)
        {
            return false;
        }

        if (list.Count > max)
        {
            errors.Add(path, TooMany(list.Count, max));
            return false;
        }

        return true;
    }

    public static T? NotNull<T>(T? item, FieldPath path, ProfileErrors errors)
        where T : class
    {
        if (item is null)
        {
            errors.Add(path, "must not be null");
        }

        return item;
    }

    public static bool Text(string? text, FieldPath path, ProfileErrors errors)
    {
        if (text is not null && text.Length > ProfileLimits.MaxStringLength)
        {
            errors.Add(path, $"is {text.Length} characters long; at most {ProfileLimits.MaxStringLength} are allowed");
            return false;
        }

        if (text is not null && !IsValidUnicode(text))
        {
            errors.Add(path, "is not valid Unicode text (it holds a lone surrogate)");
            return false;
        }

        return true;
    }

    /// <summary>No lone surrogates: such text cannot be written as JSON. Vectorized scan; pairs checked only when present.</summary>
    public static bool IsValidUnicode(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                return false;
            }

            span = span[(at + 2)..];
            at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }

        return true;
    }

    public static void Score(int? score, FieldPath path, ProfileErrors errors)
    {
        if (score is { } value && value is < ProfileLimits.MinScore or > ProfileLimits.MaxScore)
        {
            errors.Add(path, $"must be between {ProfileLimits.MinScore} and {ProfileLimits.MaxScore} (was {value})");
        }
    }

    public static void Count(int? value, int max, FieldPath path, ProfileErrors errors)
    {
        if (value is < 0)
        {
            errors.Add(path, $"must not be negative (was {value})");
        }
        else if (value > max)
        {
            errors.Add(path, $"must be at most {max} (was {value})");
        }
    }

    public static void Range(double? value, double min, double max, FieldPath path, ProfileErrors errors)
    {
        if (value is not { } number)
        {
            return;
        }

        if (!double.IsFinite(number) || number < min || number > max)
        {
            var bound = max == double.MaxValue ? $"must not be negative" : $"must be between {Num(min)} and {Num(max)}";
            errors.Add(path, $"{bound} (was {Num(number)})");
        }
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
