namespace RetakeAdvice.Tests.TestSupport;

/// <summary>Small valid profiles to start tests from.</summary>
internal static class Profiles
{
    public static readonly DateOnly AsOf = new(2026, 11, 27);

    public static readonly DateOnly FailureDate = new(2026, 10, 1);

    /// <summary>One failed attempt five points below passing, as of 2026-11-27; nothing else known.</summary>
    public static RetakeProfile Minimal() => new()
    {
        AsOf = AsOf,
        FailedAttempts = [new FailedAttempt { Date = FailureDate, PointsBelowPassing = 5 }],
    };

    /// <summary>The JSON of <see cref="Minimal"/> with more top-level fields spliced in (JSON members, comma-separated).</summary>
    public static string MinimalJson(string moreFields = "") =>
        "{\"asOf\":\"2026-11-27\",\"failedAttempts\":[{\"date\":\"2026-10-01\",\"pointsBelowPassing\":5}]"
        + (moreFields.Length == 0 ? "" : "," + moreFields)
        + "}";

    public static string SamplePath(string name) => Path.Combine(RepoPaths.Samples, name);

    public static IEnumerable<string> SampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal);
}
