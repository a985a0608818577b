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
