namespace RetakeAdvice.Cli;

/// <summary>The profile argument of <c>advise</c> and <c>explain</c>: a file or standard input, and <c>--as-of</c>.</summary>
internal sealed record ProfileInput(string Json, DateOnly? AsOf)
{
    /// <summary>Applies <c>--as-of</c>, which overrides the profile's own.</summary>
    public RetakeProfile Apply(RetakeProfile profile) => AsOf is null ? profile : profile with { AsOf = AsOf };

    /// <returns>The input, or null after writing why it cannot be read.</returns>
    public static async Task<ProfileInput?> ReadAsync(string path, string? asOf, TextReader input, TextWriter error, CancellationToken cancellationToken)
    {
        DateOnly? asOfDate = null;
        if (asOf is not null)
        {
            if (!CliApp.TryParseDate(asOf, out var parsed))
            {
                await error.WriteLineAsync($"--as-of: '{asOf}' is not a date written yyyy-MM-dd.").ConfigureAwait(false);
                return null;
            }

            asOfDate = parsed;
        }

        try
        {
            // A synchronous file read: the async one costs a cold start 4–7 ms of thread-pool and state-machine setup.
            var json = path == "-"
                ? await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                : File.ReadAllText(path);
            return new ProfileInput(json, asOfDate);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Opening a folder fails with "Access ... is denied", which sends a user to look at permissions.
            var why = path.Length == 0 ? "the path is empty; give a profile file, or - for standard input" : Directory.Exists(path) ? "it is a folder; give a profile file, or - for standard input" : ex.Message;
            await error.WriteLineAsync($"Cannot read the profile '{path}': {why}").ConfigureAwait(false);
            return null;
        }
    }
}
