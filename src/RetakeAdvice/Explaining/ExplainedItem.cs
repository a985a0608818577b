namespace RetakeAdvice;

/// <summary>One item of a per-item rule.</summary>
/// <param name="Target">The item's name.</param>
/// <param name="Matched">The rule's <c>where</c> held for it.</param>
/// <param name="Score">Its score; 0 when it did not match.</param>
/// <param name="Kept">It made the cut (<c>keep</c>) and got a recommendation.</param>
public sealed record ExplainedItem(string Target, bool Matched, double Score, bool Kept);
