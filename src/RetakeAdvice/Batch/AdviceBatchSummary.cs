namespace RetakeAdvice;

/// <summary>What a batch answered: one line for each line read.</summary>
public sealed record AdviceBatchSummary
{
    /// <summary>The lines answered, in order: each is a report or an error naming its line.</summary>
    public required int Lines { get; init; }

    /// <summary>The lines answered with a report.</summary>
    public required int Advised { get; init; }

    /// <summary>The lines that are not a valid profile (empty lines and lines over the size limit included); their answers list every problem.</summary>
    public required int Invalid { get; init; }

    /// <summary>The lines on which a rule threw: a defect in the rule set, named in the line's answer.</summary>
    public required int RuleErrors { get; init; }

    /// <summary>The rules that threw, each named once, in the order they first did.</summary>
    public required IReadOnlyList<string> FailedRules { get; init; }

    /// <summary>The batch had more lines than <see cref="AdviceBatchOptions.MaxProfiles"/>: the first line past it was answered with an error, the rest were not read.</summary>
    public required bool LimitReached { get; init; }

    /// <summary>The first lines that were not advised (invalid or a rule threw), at most 16, for a summary a person reads.</summary>
    public required IReadOnlyList<int> FirstUnadvisedLines { get; init; }
}
