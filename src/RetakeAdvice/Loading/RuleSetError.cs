using System.Text;

namespace RetakeAdvice;

/// <summary>One problem in a rule set, located as precisely as the problem allows.</summary>
/// <param name="File">The file, relative to the rule folder (for example <c>wellbeing.json</c>).</param>
/// <param name="Rule">The rule's name, when the problem is inside a rule.</param>
/// <param name="Path">The JSON path of the offending value, for example <c>$.Rules[2].Expression</c>.</param>
/// <param name="Line">The 1-based line, where known.</param>
/// <param name="Column">The 1-based column, where known.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RuleSetError(string File, string? Rule, string? Path, int? Line, int? Column, string Message)
{
    /// <summary>The problem as one line: <c>file(line,column): rule 'name' at $.path: message</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
        {
            text.Append('(').Append(line).Append(',').Append(Column ?? 1).Append(')');
        }

        text.Append(':');
        if (Rule is not null)
        {
            text.Append(" rule '").Append(Rule).Append('\'');
        }

        if (Path is not null)
        {
            text.Append(Rule is null ? " " : " at ").Append(Path);
        }

        if (Rule is not null || Path is not null)
        {
            text.Append(':');
        }

        return text.Append(' ').Append(Message).ToString();
    }
}
