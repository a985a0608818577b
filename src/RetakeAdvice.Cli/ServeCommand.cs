using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetakeAdvice.Cli;

/// <summary><c>serve</c>: the HTTP advice API until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string urls, string? rulesDirectory, bool watch, ServerLimits limits, string? apiKeysFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (watch && rulesDirectory is null)
        {
            await error.WriteLineAsync("--watch needs --rules DIR: the embedded rule set never changes.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        ApiKeys? apiKeys = null;
        if (apiKeysFile is not null)
        {
            try
            {
                apiKeys = ApiKeys.Parse(await File.ReadAllTextAsync(apiKeysFile, cancellationToken).ConfigureAwait(false), Path.GetFileName(apiKeysFile));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await error.WriteLineAsync(ex is FormatException ? ex.Message : $"--api-keys-file {apiKeysFile}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }

        // Reloads are logged to standard error, one line each; standard output carries only the start-up lines.
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        RetakeAdvisor advisor;
        try
        {
            advisor = RetakeAdvisor.Create(new RetakeAdviceOptions { RulesDirectory = rulesDirectory, WatchRulesDirectory = watch }.ToRuleSource(), loggerFactory: loggerFactory);
        }
        catch (RetakeAdviceOptionsException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (RuleSetException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }

        using (advisor)
        {
            var app = AdviceServer.Build(advisor, urls, limits: limits, apiKeys: apiKeys);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                foreach (var url in app.Urls)
                {
                    await output.WriteLineAsync($"listening on {url}").ConfigureAwait(false);
                }

                if (apiKeys is not null)
                {
                    await output.WriteLineAsync($"API keys: {apiKeys.Count} (required on /v1/advice and /v1/ruleset)").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"rule set {advisor.RuleSet.Name} {advisor.RuleSet.Version} ({advisor.RuleSet.Sha256}){(watch ? ", watching " + rulesDirectory : "")}").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }
}
