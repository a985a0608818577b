using System.ComponentModel;
using System.Text;

namespace RetakeAdvice.Precompiled;

/// <summary>
/// A compiled rule expression: a function of the profile, the facts and, in per-item parts, the item. Rule sets
/// loaded from JSON get these from their parsed expressions; a precompiled rule set's generated code declares them
/// as methods. Not for use in application code.
/// </summary>
/// <typeparam name="TResult">What the expression gives.</typeparam>
/// <param name="profile">The student's profile.</param>
/// <param name="facts">The facts derived from it.</param>
/// <param name="item">The item of a per-item part (a topic, a resource, …); null elsewhere.</param>
/// <returns>The expression's value.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate TResult RuleFunc<out TResult>(RetakeProfile profile, AdviceFacts facts, object? item);

/// <summary>
/// Writes one placeholder of a rule text into the text being rendered, typed so that values are not boxed.
/// Not for use in application code.
/// </summary>
/// <param name="profile">The student's profile.</param>
/// <param name="facts">The facts derived from it.</param>
/// <param name="item">The item of a per-item part; null elsewhere.</param>
/// <param name="text">The text being rendered.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void TemplateWriter(RetakeProfile profile, AdviceFacts facts, object? item, StringBuilder text);
