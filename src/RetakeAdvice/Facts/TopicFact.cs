namespace RetakeAdvice;

/// <summary>A question-bank topic with its discipline weight (a view over the profile's topic, not a copy).</summary>
public sealed class TopicFact
{
    private readonly TopicResult _topic;

    internal TopicFact(TopicResult topic, double weight)
    {
        _topic = topic;
        Weight = weight;
    }

    /// <summary>The topic as the profile spelled it, without surrounding spaces.</summary>
    [ProfileText]
    public string Name => _topic.Name!.Trim();

    /// <summary>The discipline as the profile spelled it, without surrounding spaces.</summary>
    [ProfileText]
    public string? Discipline => _topic.Discipline?.Trim();

    /// <summary>Questions seen.</summary>
    public int? Seen => _topic.Seen;

    /// <summary>Questions missed.</summary>
    public int? Incorrect => _topic.Incorrect;

    /// <summary>The discipline's weight from the manifest (its default when not listed).</summary>
    public double Weight { get; }

    /// <summary>The topic as text, for explanations.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} ({Discipline}): {Incorrect} of {Seen} missed, weight {Weight}";
}
