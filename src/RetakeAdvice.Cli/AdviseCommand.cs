namespace RetakeAdvice.Cli;

/// <summary><c>advise &lt;profile | -&gt;</c>: the report for one profile.</summary>
internal static class AdviseCommand
{
    public static async Task<int> RunAsync(
        string profilePath,
        string? rulesDirectory,
        string format,
        string? asOf,
        TextReader input,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var read = await ProfileInput.ReadAsync(profilePath, asOf, input, error, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return ExitCodes.BadInput;
        }

        try
        {
            var advisor = rulesDirectory is null ? RetakeAdvisor.CreateDefault() : RetakeAdvisor.FromDirectory(rulesDirectory);
            var profile = read.Apply(RetakeAdviceJson.ReadProfile(read.Json));
            var report = await advisor.AdviseAsync(profile, cancellationToken).ConfigureAwait(false);
            var text = format == "text" ? TextReport.Write(report) : RetakeAdviceJson.WriteReport(report);
            await output.WriteLineAsync(text).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (ProfileValidationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is RuleSetException or RuleEvaluationException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }
    }
}
