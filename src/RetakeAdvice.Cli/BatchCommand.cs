namespace RetakeAdvice.Cli;

/// <summary>
/// <c>advise --batch FILE|-</c>: NDJSON profiles in, one answer per line out, in order (<see cref="RetakeAdvisor.AdviseBatchAsync"/>).
/// A summary goes to standard error. Exit 0 when every line was advised, 2 when a line is not a valid profile (its
/// answer lists why), 3 when the rules do not load or a rule threw.
/// </summary>
internal static class BatchCommand
{
    public static async Task<int> RunAsync(string path, string? rulesDirectory, string? asOf, BatchStreams streams, TextWriter error, CancellationToken cancellationToken)
    {
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (!CliApp.TryParseDate(asOf, out var parsed))
            {
                await error.WriteLineAsync($"--as-of: '{asOf}' is not a date written yyyy-MM-dd.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            day = parsed;
        }

        Stream input;
        try
        {
            input = path == "-" ? streams.Input : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var why = path.Length == 0 ? "the path is empty; give an NDJSON file, or - for standard input" : Directory.Exists(path) ? "it is a folder; give an NDJSON file, or - for standard input" : ex.Message;
            await error.WriteLineAsync($"Cannot read the batch '{path}': {why}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using (input.ConfigureAwait(false))
        {
            RetakeAdvisor advisor;
            try
            {
                advisor = RetakeAdvisor.Create(rulesDirectory is null ? RuleSource.Embedded : RuleSource.FromDirectory(rulesDirectory));
            }
            catch (RuleSetException ex)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadRules;
            }

            using (advisor)
            {
                AdviceBatchSummary summary;
                try
                {
                    summary = await advisor.AdviseBatchAsync(input, streams.Output, new AdviceBatchOptions { AsOf = day }, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    await error.WriteLineAsync($"Cannot read the batch '{path}': {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                await error.WriteLineAsync(Describe(summary)).ConfigureAwait(false);
                return summary.RuleErrors > 0 ? ExitCodes.BadRules : summary.Invalid > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
            }
        }
    }

    private static string Describe(AdviceBatchSummary summary)
    {
        var text = $"{summary.Lines} {(summary.Lines == 1 ? "profile" : "profiles")}: {summary.Advised} advised";
        if (summary.Invalid > 0)
        {
            text += $", {summary.Invalid} not valid";
        }

        if (summary.RuleErrors > 0)
        {
            text += $", {summary.RuleErrors} where a rule failed ({string.Join(", ", summary.FailedRules)})";
        }

        if (summary.FirstUnadvisedLines.Count > 0)
        {
            var more = summary.Lines - summary.Advised > summary.FirstUnadvisedLines.Count ? ", …" : string.Empty;
            var lines = summary.FirstUnadvisedLines.Count == 1 && more.Length == 0 ? "line" : "lines";
            text += $" ({lines} {string.Join(", ", summary.FirstUnadvisedLines)}{more}; each line's answer says why)";
        }

        if (summary.LimitReached)
        {
            text += $". The batch stopped at its limit of {summary.Lines - 1} profiles";
        }

        return text + ".";
    }
}
