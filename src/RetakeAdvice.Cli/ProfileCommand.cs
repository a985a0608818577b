namespace RetakeAdvice.Cli;

/// <summary>
/// What <c>advise</c> and <c>explain</c> share: read the profile (file or standard input, <c>--as-of</c>), load the
/// rules, produce the output, and map every failure to its exit code and one message on standard error. An output
/// may come with an error of its own (explain shows a rule that threw, and still exits 3, as advise does).
/// </summary>
internal static class ProfileCommand
{
    public static async Task<int> RunAsync(
        string profilePath,
        string? rulesDirectory,
        string? asOf,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<RetakeAdvisor, RetakeProfile, CancellationToken, Task<(string Output, string? RuleError)>> produce,
        CancellationToken cancellationToken)
    {
        var read = await ProfileInput.ReadAsync(profilePath, asOf, input, error, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return ExitCodes.BadInput;
        }

        // The profile is read before the rules are needed (the embedded set may still be loading on another
        // thread); a broken rule set still wins over a bad profile (exit 3, then 2), as the rules are checked first.
        RetakeProfile? profile = null;
        ProfileValidationException? invalidProfile = null;
        try
        {
            profile = read.Apply(RetakeAdviceJson.ReadProfile(read.Json));
        }
        catch (ProfileValidationException ex)
        {
            invalidProfile = ex;
        }

        try
        {
            using var advisor = RetakeAdvisor.Create(rulesDirectory is null ? RuleSource.Embedded : RuleSource.FromDirectory(rulesDirectory));
            if (profile is null)
            {
                await error.WriteLineAsync(invalidProfile!.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var (text, ruleError) = await produce(advisor, profile, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(text).ConfigureAwait(false);
            if (ruleError is not null)
            {
                await error.WriteLineAsync(ruleError).ConfigureAwait(false);
                return ExitCodes.BadRules;
            }

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
