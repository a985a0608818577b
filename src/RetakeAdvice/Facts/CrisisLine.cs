namespace RetakeAdvice;

/// <summary>A crisis line from the manifest, replaceable for hosts outside the United States.</summary>
/// <param name="Name">The service's name.</param>
/// <param name="Contact">The number (or address) to contact.</param>
/// <param name="How">How to reach it, for example "call or text".</param>
public sealed record CrisisLine(string Name, string Contact, string? How);
