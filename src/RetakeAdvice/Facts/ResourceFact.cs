namespace RetakeAdvice;

/// <summary>A study resource after alias normalization.</summary>
/// <param name="Name">The name as the profile spelled it (surrounding spaces removed).</param>
/// <param name="CanonicalName">The name after the manifest's aliases.</param>
/// <param name="IsCore">The canonical name is in the manifest's core set.</param>
public sealed record ResourceFact(string Name, string CanonicalName, bool IsCore);
