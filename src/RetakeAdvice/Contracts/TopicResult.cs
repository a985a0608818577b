namespace RetakeAdvice;

/// <summary>Question-bank results for one topic.</summary>
public sealed record TopicResult
{
    /// <summary>The topic, for example "Type I hypersensitivity".</summary>
    public string? Name { get; init; }

    /// <summary>The discipline the topic belongs to, for example "immunology".</summary>
    public string? Discipline { get; init; }

    /// <summary>Questions seen on the topic.</summary>
    public int? Seen { get; init; }

    /// <summary>Questions answered incorrectly on the topic.</summary>
    public int? Incorrect { get; init; }
}
