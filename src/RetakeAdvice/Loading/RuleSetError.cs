using System.Text;

namespace RetakeAdvice;

/// <summary>One problem in a rule set, located as precisely as the problem allows.</summary>
public sealed record RuleSetError
{
    /// <summary>The file, relative to the rule folder (for example <c>wellbeing.json</c>); <c>.</c> for the folder itself.</summary>
    public required string File { get; init; }

    /// <summary>The rule's name, when the problem is inside a rule (or a test case's name, in a test file).</summary>
    public string? Rule { get; init; }

    /// <summary>The JSON path of the offending value, for example <c>$.Rules[2].Expression</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The 1-based line, where known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column, where known.</summary>
    public int? Column { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>The problem as one line: <c>file(line,column): rule 'name' at $.path: message</c> (in a test file, <c>test 'name'</c>).</summary>
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
            // In a test file the name is a test case's, not a rule's.
            var what = File.StartsWith(Loading.RuleFolder.TestsFolder + "/", StringComparison.Ordinal) ? " test '" : " rule '";
            text.Append(what).Append(Rule).Append('\'');
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
