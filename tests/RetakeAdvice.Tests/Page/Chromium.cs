namespace RetakeAdvice.Tests.Page;

/// <summary>Where the system's Chromium is: <c>CHROMIUM_PATH</c>, else <c>chromium</c> (or its other names) on the PATH.</summary>
internal static class Chromium
{
    public const string Missing =
        "No Chromium here: the page's browser tests need it (Debian: apt-get install -y chromium; or set CHROMIUM_PATH).";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static string? Path { get; } = Find();

    /// <summary>CI must run the browser tests: there a missing browser fails them instead of skipping.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => folders.Select(folder => System.IO.Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }
}
