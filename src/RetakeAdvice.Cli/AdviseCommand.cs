namespace RetakeAdvice.Cli;

/// <summary><c>advise &lt;profile | -&gt;</c>: the report for one profile.</summary>
internal static class AdviseCommand
{
    public static Task<int> RunAsync(
        string profilePath,
        string? rulesDirectory,
        string format,
        string? asOf,
        TextReader input,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken) =>
        ProfileCommand.RunAsync(profilePath, rulesDirectory, asOf, input, output, error, async (advisor, profile, token) =>
        {
            var report = await advisor.AdviseAsync(profile, token).ConfigureAwait(false);
            return (format == "text" ? TextReport.Write(report) : RetakeAdviceJson.WriteReport(report), (string?)null);
        }, cancellationToken);
}
