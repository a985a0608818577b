namespace RetakeAdvice.Tests;

/// <summary>Finds the repository's folders from the test binaries, wherever the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RetakeAdvice.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RetakeAdvice.sln not found above " + AppContext.BaseDirectory);
    }
}
