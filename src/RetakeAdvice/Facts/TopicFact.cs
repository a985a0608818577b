namespace RetakeAdvice;

/// <summary>A question-bank topic with its discipline weight.</summary>
/// <param name="Name">The topic as the profile spelled it.</param>
/// <param name="Discipline">The discipline as the profile spelled it.</param>
/// <param name="Seen">Questions seen.</param>
/// <param name="Incorrect">Questions missed.</param>
/// <param name="Weight">The discipline's weight from the manifest (its default when not listed).</param>
public sealed record TopicFact(string Name, string? Discipline, int? Seen, int? Incorrect, double Weight);
