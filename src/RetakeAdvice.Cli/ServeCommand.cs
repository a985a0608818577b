using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetakeAdvice.Cli;

/// <summary><c>serve</c>: the HTTP advice API until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static async Task<int> RunAsync(string? urls, string? rulesDirectory, bool watch, ServerLimits limits, string? apiKeysFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
                var why = Directory.Exists(apiKeysFile) ? "it is a folder; give the file that holds the keys" : ex.Message;
                await error.WriteLineAsync(ex is FormatException ? ex.Message : $"--api-keys-file {apiKeysFile}: {why}").ConfigureAwait(false);
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
            WebApplication app;
            try
            {
                // A start that fails is reported below, once, without the host's own error line and stack trace.
                app = AdviceServer.Build(advisor, urls, limits: limits, apiKeys: apiKeys, configureLogging: logging => logging.AddFilter(HostCategory, LogLevel.None));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                await error.WriteLineAsync($"--urls {urls}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (InvalidDataException ex)
            {
                // appsettings.json that is not JSON: the configuration is the input.
                await error.WriteLineAsync($"serve could not read its configuration: {ex.Message} {ex.InnerException?.Message}".TrimEnd()).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
                {
                    // In use, or not this machine's address: the arguments are fine, the machine says no.
                    await error.WriteLineAsync($"serve could not listen on {(string.IsNullOrEmpty(urls) ? "the configured endpoints" : urls)}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.CannotListen;
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
                {
                    await error.WriteLineAsync($"serve could not listen on {(string.IsNullOrEmpty(urls) ? "the configured endpoints" : urls)}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                foreach (var url in app.Urls)
                {
                    await output.WriteLineAsync($"listening on {url}").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"the page for rule authors and advisors: {app.Urls.First().TrimEnd('/')}/").ConfigureAwait(false);

                if (apiKeys is not null)
                {
                    await output.WriteLineAsync($"API keys: {apiKeys.Count} (required on /v1/advice, /v1/explain and /v1/ruleset; the page at / asks for one)").ConfigureAwait(false);
                }
                else if (app.Urls.FirstOrDefault(url => !IsLoopback(url)) is { } open)
                {
                    await error.WriteLineAsync($"warning: {open} can be reached from other machines and no --api-keys-file is set: anyone who reaches it can use it.").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"rule set {advisor.RuleSet.Name} {advisor.RuleSet.Version} ({advisor.RuleSet.Sha256}){(watch ? ", watching " + rulesDirectory : "")}").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));
}
