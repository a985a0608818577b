namespace RetakeAdvice.Benchmarks.Support;

/// <summary>Finds repository files from wherever BenchmarkDotNet runs the benchmarks (a folder below the repository).</summary>
public static class RepoFiles
{
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relativePath + " not found above " + AppContext.BaseDirectory);
    }
}
