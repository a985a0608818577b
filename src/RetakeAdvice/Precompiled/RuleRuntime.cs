using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using RetakeAdvice.Model;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Precompiled;

/// <summary>
/// What compiled rule expressions call besides the profile, the facts and .NET itself: the evaluation budget, the
/// typed writers of text placeholders and the Markdown escaping of profile text. A rule set loaded from JSON calls
/// these from its compiled expression trees, and a precompiled one from its generated code, so both paths meter,
/// write and escape alike. Not for use in application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuleRuntime
{
    /// <summary>One unit of the call's budget: at the start of every lambda.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Burn() => Fuel.Burn();

    /// <summary>The elements of a sequence that can hold more elements than lambda calls made it, one unit each.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The sequence.</param>
    /// <returns>The same elements, metered.</returns>
    public static IEnumerable<T> Meter<T>(IEnumerable<T> source) => Fuel.Meter(source);

    /// <summary>A text an expression built, checked against the longest text an expression may build.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The same text.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Text(string? text) => Fuel.Text(text);

    /// <summary>Whether this call has already worked out the parameter kept in <paramref name="slot"/>.</summary>
    /// <param name="facts">The call's facts, which hold its kept values.</param>
    /// <param name="slot">The parameter's slot in the rule set.</param>
    /// <returns>True when <see cref="Kept{T}"/> gives its value.</returns>
    public static bool IsKept(AdviceFacts facts, int slot) =>
        facts.Kept is { } kept && (uint)slot < (uint)kept.Length && kept[slot] is not null;

    /// <summary>The value this call worked out for the parameter kept in <paramref name="slot"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="facts">The call's facts.</param>
    /// <param name="slot">The parameter's slot.</param>
    /// <returns>The value <see cref="Keep{T}"/> kept.</returns>
    public static T Kept<T>(AdviceFacts facts, int slot)
    {
        var value = facts.Kept![slot];
        return ReferenceEquals(value, KeptNull) ? default! : (T)value!;
    }

    /// <summary>
    /// Keeps a parameter's value for the rest of the call: a parameter that reads the profile and walks a list is
    /// worked out the first time a part of a rule reads it, and every later read in the same call recalls it.
    /// </summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="facts">The call's facts.</param>
    /// <param name="slot">The parameter's slot.</param>
    /// <param name="value">The value.</param>
    /// <returns>The same value.</returns>
    public static T Keep<T>(AdviceFacts facts, int slot, T value)
    {
        // Facts made without slots (a test calling a delegate directly) keep nothing: each read works it out again.
        if (facts.Kept is { } kept && (uint)slot < (uint)kept.Length)
        {
            // A true/false is kept as one of two shared boxes: a call allocates nothing to keep a condition.
            kept[slot] = typeof(T) == typeof(bool) ? ((bool)(object)value! ? KeptTrue : KeptFalse) : (object?)value ?? KeptNull;
        }

        return value;
    }

    /// <summary>
    /// A list to keep: a lazy one (<c>Where</c>, <c>Select</c>) walked once into an array, so reading the kept value
    /// again does not walk it again; an array or a list as it is; null as null.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The list.</param>
    /// <returns>The same items, walked.</returns>
    public static IEnumerable<T>? Walked<T>(IEnumerable<T>? items) =>
        items is null or ICollection<T> ? items : items.ToArray();

    private static readonly object KeptNull = new();
    private static readonly object KeptTrue = true;
    private static readonly object KeptFalse = false;

    /// <summary>Profile text for a Markdown detail, escaped.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text; null stays null.</returns>
    public static string? EscapeMarkdown(string? text) => Markdown.Escape(text);

    /// <summary>A placeholder's value as a template writes it, escaped for Markdown.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The escaped text.</returns>
    public static string? EscapeMarkdownValue(object? value) => Markdown.EscapeValue(value);

    /// <summary>An operand of a concatenation as <c>string.Concat</c> writes it, escaped for Markdown.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The escaped text.</returns>
    public static string? EscapeMarkdownConverted(object? value) => Markdown.EscapeConverted(value);

    /// <summary>Writes a placeholder's value: invariant numbers, ISO dates, lists joined with commas; null is empty.</summary>
    /// <param name="text">The text being rendered.</param>
    /// <param name="value">The value.</param>
    public static void Write(StringBuilder text, object? value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, string? value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, bool value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, bool? value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, int value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, int? value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, double value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, double? value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, DateOnly value) => Template.Write(text, value);

    /// <inheritdoc cref="Write(StringBuilder, object?)"/>
    public static void Write(StringBuilder text, DateOnly? value) => Template.Write(text, value);

    /// <summary>
    /// Writes a list of texts the way a placeholder writes any list (items joined with ", "), each item's text
    /// written in place by <paramref name="write"/> instead of built first: what <c>items.Select(…)</c> writes.
    /// </summary>
    /// <typeparam name="T">The type of the items the texts are made from.</typeparam>
    /// <param name="text">The text being rendered.</param>
    /// <param name="items">The items.</param>
    /// <param name="write">Writes one item's text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null, as <c>Select</c> throws for it.</exception>
    public static void WriteEach<T>(StringBuilder text, IEnumerable<T> items, Action<StringBuilder, T> write)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(write);
        if (items is null)
        {
            throw new ArgumentNullException("source"); // Select's parameter: the rule's error reads the same on both
        }

        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            write(text, item);
            first = false;
        }
    }

    /// <summary>Writes an operand of a concatenation as <c>string.Concat</c> would: its text; nothing for null.</summary>
    /// <param name="text">The text being rendered.</param>
    /// <param name="value">The value.</param>
    public static void WriteConverted(StringBuilder text, object? value) => Template.WriteConverted(text, value);

    /// <inheritdoc cref="WriteConverted(StringBuilder, object?)"/>
    public static void WriteConverted(StringBuilder text, int value) => Template.WriteConverted(text, value);

    /// <inheritdoc cref="WriteConverted(StringBuilder, object?)"/>
    public static void WriteConverted(StringBuilder text, int? value) => Template.WriteConverted(text, value);

    /// <inheritdoc cref="WriteConverted(StringBuilder, object?)"/>
    public static void WriteConverted(StringBuilder text, double value) => Template.WriteConverted(text, value);

    /// <inheritdoc cref="WriteConverted(StringBuilder, object?)"/>
    public static void WriteConverted(StringBuilder text, double? value) => Template.WriteConverted(text, value);
}
