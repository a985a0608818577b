namespace RetakeAdvice;

/// <summary>
/// Marks a fact that carries text as the student typed it (a topic's name, a mentor's name). A card's <c>detail</c>
/// is Markdown, and text read from such a fact is escaped where a placeholder writes it there. Every string the
/// profile's own types hold counts as profile text without the mark.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class ProfileTextAttribute : Attribute
{
}
