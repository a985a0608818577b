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
        DateOnly? asOfDate = null;
        if (asOf is not null)
        {
            if (!CliApp.TryParseDate(asOf, out var parsed))
            {
                await error.WriteLineAsync($"--as-of: '{asOf}' is not a date written yyyy-MM-dd.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            asOfDate = parsed;
        }

        string json;
        try
        {
            json = profilePath == "-"
                ? await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                : await File.ReadAllTextAsync(profilePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read the profile '{profilePath}': {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            var advisor = rulesDirectory is null ? RetakeAdvisor.CreateDefault() : RetakeAdvisor.FromDirectory(rulesDirectory);
            var profile = RetakeAdviceJson.ReadProfile(json);
            if (asOfDate is not null)
            {
                profile = profile with { AsOf = asOfDate };
            }

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
        catch (RuleSetException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }
        catch (RuleEvaluationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }
    }
}
