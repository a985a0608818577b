using System.CommandLine;
using System.Globalization;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Cli;

/// <summary>
/// The <c>retake-advice</c> command line. Output goes to the given writers so tests can run it in process;
/// errors are one clear message on the error writer, never a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="input">Standard input, read by <c>advise -</c>.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The exit code: 0 done, 1 rule tests failed, 2 bad input, 3 bad rules.</returns>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        RunAsync(args, input, output, error, standardInput: null, standardOutput: null);

    /// <summary>Parses and runs a command line; <c>advise --batch</c> streams bytes through the given streams.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="input">Standard input, read by <c>advise -</c>.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="standardInput">Standard input as bytes, read by <c>advise --batch -</c>; null to read <paramref name="input"/>.</param>
    /// <param name="standardOutput">Standard output as bytes, written by <c>advise --batch</c>; null to write <paramref name="output"/>.</param>
    /// <returns>The exit code: 0 done, 1 rule tests failed, 2 bad input, 3 bad rules.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, Stream? standardInput, Stream? standardOutput)
    {
        ArgumentNullException.ThrowIfNull(args);
        DefaultRulesPreload.StartIfNeeded(args);
        var streams = new BatchStreams(standardInput, standardOutput, input, output);
        var root = BuildCommand(input, output, error, streams);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'retake-advice --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (NativeHandoff.IsNative && NativeHandoff.ParsesAFolder(parsed))
        {
            return NativeHandoff.Run(args, error);
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    /// <summary>Parses a command line without running it (for tests of what a command line means).</summary>
    internal static ParseResult Parse(string[] args) =>
        BuildCommand(TextReader.Null, TextWriter.Null, TextWriter.Null, new BatchStreams(null, null, TextReader.Null, TextWriter.Null)).Parse(args);

    private static RootCommand BuildCommand(TextReader input, TextWriter output, TextWriter error, BatchStreams streams)
    {
        var rulesOption = new Option<string?>("--rules")
        {
            Description = "A rule folder (ruleset.json plus workflow files). Default: the rule set embedded in the package.",
            HelpName = "DIR",
        };
        rulesOption.Validators.Add(result => RuleFolderArgument.Check(result, result.GetValueOrDefault<string?>(), "--rules "));

        // The profile argument, --rules and --as-of mean the same for advise and explain: one symbol each, shared.
        var profileArgument = new Argument<string>("profile")
        {
            Description = "The profile JSON file, or - to read standard input.",
        };
        var formatOption = new Option<string>("--format")
        {
            Description = "json (the report, as the library and HTTP API give it) or text (a ranked list for people).",
            DefaultValueFactory = _ => "json",
        };
        formatOption.AcceptOnlyFromAmong("json", "text");
        var asOfOption = new Option<string?>("--as-of")
        {
            Description = "The day the advice is for (yyyy-MM-dd); overrides the profile's asOf. Default: the profile's asOf, else today (UTC).",
            HelpName = "DATE",
        };

        // advise takes one profile, or a batch of them with --batch instead.
        var adviseProfileArgument = new Argument<string?>("profile")
        {
            Description = "The profile JSON file, or - to read standard input. Not with --batch.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var batchOption = new Option<string?>("--batch")
        {
            Description = "Advise on many profiles: NDJSON (one profile per line) from FILE, or - for standard input. Writes one line per line read, in order: the report, or {\"line\": n, \"errors\": {...}} for an invalid one. Streams, on every core, in flat memory.",
            HelpName = "FILE|-",
        };
        var advise = new Command("advise", "Advise on a profile: a ranked, explained report; or on a batch of them.")
        {
            adviseProfileArgument,
            rulesOption,
            formatOption,
            asOfOption,
            batchOption,
        };
        advise.Validators.Add(result =>
        {
            string? batch, profile;
            try
            {
                batch = result.GetValue(batchOption);
                profile = result.GetValue(adviseProfileArgument);
            }
            catch (InvalidOperationException)
            {
                return; // --batch without its value, or twice: the parser has already said so
            }

            if (batch is null && profile is null)
            {
                result.AddError("advise needs a profile file (or - for standard input), or --batch FILE.");
            }
            else if (batch is not null && profile is not null)
            {
                result.AddError($"Give a profile ('{profile}') or --batch ('{batch}'), not both.");
            }
            else if (batch is not null && result.GetValue(formatOption) == "text")
            {
                result.AddError("--batch writes NDJSON: --format text is for one profile.");
            }
        });
        advise.SetAction((result, cancellationToken) => result.GetValue(batchOption) is { } batch
            ? BatchCommand.RunAsync(batch, result.GetValue(rulesOption), result.GetValue(asOfOption), streams, error, cancellationToken)
            : AdviseCommand.RunAsync(
                result.GetValue(adviseProfileArgument)!,
                result.GetValue(rulesOption),
                result.GetValue(formatOption)!,
                result.GetValue(asOfOption),
                input,
                output,
                error,
                cancellationToken));

        var directoryArgument = new Argument<string?>("dir")
        {
            Description = "The rule folder whose tests/*.json to run. Default: the embedded rule set.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        directoryArgument.Validators.Add(result => RuleFolderArgument.Check(result, result.GetValueOrDefault<string?>(), string.Empty, "test"));
        var coverageOption = new Option<bool>("--coverage")
        {
            Description = "Also show, for every rule, the cases where it fired, did not fire and was suppressed; items kept and dropped; escalations both ways; each threshold's two sides; and list every side no test sees.",
        };
        var minCoverageOption = new Option<double?>("--min-coverage")
        {
            Description = "With --coverage: exit 1 when the tests see fewer than P percent of the sides (fired and not, items kept and dropped, escalated and not, each threshold's two sides).",
            HelpName = "P",
            // Parsed here, not by the default parser: a bad value must be a message, never an exception.
            CustomParser = result => Parsed<double>(result, "--min-coverage", "a percentage from 0 to 100", token =>
                double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100 ? percent : (double?)null),
        };
        var mutateOption = new Option<bool>("--mutate")
        {
            Description = "Mutation testing: switch each rule off and force it on, negate each escalation, nudge each numeric parameter and threshold by its smallest step both ways; exit 1 if a mutant survives (no test fails on it), listing each with the test that would catch it.",
        };
        var budgetOption = new Option<TimeSpan?>("--time-budget")
        {
            Description = "Mutants not started within this time (seconds, or hh:mm:ss) are reported as not run, and the run exits 1. Implies --mutate.",
            HelpName = "T",
            CustomParser = result => Parsed<TimeSpan>(result, "--time-budget", "a number of seconds above 0 (under a day), or hh:mm:ss", token =>
                double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 86400 ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.TryParse(token, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span
                : null),
        };
        var parallelOption = new Option<int?>("--parallel")
        {
            Description = "Mutants run at once. Default: the processor count. Implies --mutate.",
            HelpName = "N",
            CustomParser = result => Parsed(result, "--parallel", "a whole number from 1 to 256", token =>
                int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256 ? n : (int?)null),
        };
        var testFormat = new Option<string>("--format")
        {
            Description = "text (for people) or json (for CI: results, failures and, with --coverage and --mutate, coverage and mutants).",
            DefaultValueFactory = _ => "text",
        };
        testFormat.AcceptOnlyFromAmong("text", "json");
        var test = new Command("test", "Run a rule folder's JSON test cases; prints 'N passed, N failed'.")
        {
            directoryArgument,
            coverageOption,
            minCoverageOption,
            mutateOption,
            budgetOption,
            parallelOption,
            testFormat,
        };
        test.SetAction((result, cancellationToken) => TestCommand.RunAsync(
            result.GetValue(directoryArgument),
            new TestCommand.Settings(result.GetValue(coverageOption) || result.GetValue(minCoverageOption) is not null, result.GetValue(minCoverageOption), result.GetValue(testFormat) == "json")
            {
                Mutate = result.GetValue(mutateOption) || result.GetValue(budgetOption) is not null || result.GetValue(parallelOption) is not null,
                Mutation = new MutationOptions
                {
                    MaxDegreeOfParallelism = result.GetValue(parallelOption) ?? Environment.ProcessorCount,
                    TimeBudget = result.GetValue(budgetOption),
                },
            },
            output,
            error,
            cancellationToken));

        var validateDirectory = new Argument<string?>("dir")
        {
            Description = "The rule folder to check. Default: the embedded rule set.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        validateDirectory.Validators.Add(result => RuleFolderArgument.Check(result, result.GetValueOrDefault<string?>(), string.Empty, "validate"));
        var validate = new Command("validate", "Check a rule folder: every error with file, rule and position (exit 3), or a summary (exit 0).")
        {
            validateDirectory,
        };
        validate.SetAction((result, _) => ValidateCommand.RunAsync(result.GetValue(validateDirectory), output, error));

        var explainFormat = new Option<string>("--format")
        {
            Description = "text (for people) or json (an AdviceExplanation).",
            DefaultValueFactory = _ => "text",
        };
        explainFormat.AcceptOnlyFromAmong("text", "json");
        var explain = new Command("explain", "Every rule, fired or not, with the facts and parameter values that decided it; per-item rules show each item and its score.")
        {
            profileArgument,
            rulesOption,
            explainFormat,
            asOfOption,
        };
        explain.SetAction((result, cancellationToken) => ExplainCommand.RunAsync(
            result.GetValue(profileArgument)!,
            result.GetValue(rulesOption),
            result.GetValue(explainFormat)!,
            result.GetValue(asOfOption),
            input,
            output,
            error,
            cancellationToken));

        var urlsOption = new Option<string?>("--urls")
        {
            Description = "Where to listen (http://127.0.0.1:0 for a free port). Default: the Kestrel endpoints of appsettings.json in the working directory or of Kestrel__Endpoints__* variables (TLS certificates included), else http://127.0.0.1:5000.",
            HelpName = "URL",
        };
        var watchOption = new Option<bool>("--watch")
        {
            Description = "Reload the --rules folder when it changes; an invalid edit keeps the last good rule set.",
        };
        var maxConnectionsOption = new Option<int>("--max-connections")
        {
            Description = "Open connections served at once; more are refused. Default: 100.",
            DefaultValueFactory = _ => new ServerLimits().MaxConnections,
            HelpName = "N",
            CustomParser = result => PositiveWholeNumber(result, "--max-connections") ?? 0,
        };
        var rateLimitOption = new Option<int?>("--rate-limit")
        {
            Description = "Requests a minute each client may make to /v1/advice and /v1/ruleset (by API key, else by address); more get 429 with Retry-After. Default: no limit.",
            HelpName = "N",
            CustomParser = result => PositiveWholeNumber(result, "--rate-limit"),
        };
        var apiKeysOption = new Option<FileInfo?>("--api-keys-file")
        {
            Description = "Require a key on /v1/advice and /v1/ruleset: one key per line (at least 16 characters, no spaces; a line starting with # is a comment), sent as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'. /healthz and /openapi/v1.json stay open.",
            HelpName = "FILE",
        };
        var serve = new Command("serve", "HTTP: POST /v1/advice (profile in, report out), POST /v1/advice/batch (NDJSON in and out), POST /v1/explain (every rule and why), GET /v1/ruleset, GET /healthz, GET /openapi/v1.json, and a page at / to try profiles in a browser.")
        {
            urlsOption,
            rulesOption,
            watchOption,
            maxConnectionsOption,
            apiKeysOption,
            rateLimitOption,
        };
        serve.SetAction((result, cancellationToken) => ServeCommand.RunAsync(
            result.GetValue(urlsOption),
            result.GetValue(rulesOption),
            result.GetValue(watchOption),
            new ServerLimits { MaxConnections = result.GetValue(maxConnectionsOption), RequestsPerMinute = result.GetValue(rateLimitOption) },
            result.GetValue(apiKeysOption)?.FullName,
            output,
            error,
            cancellationToken));

        var oldRules = new Argument<string>("old") { Description = "The rule folder before the change." };
        var newRules = new Argument<string>("new") { Description = "The rule folder after the change." };
        oldRules.Validators.Add(result => RuleFolderArgument.Check(result, result.GetValueOrDefault<string>(), string.Empty, "diff"));
        newRules.Validators.Add(result => RuleFolderArgument.Check(result, result.GetValueOrDefault<string>(), string.Empty, "diff"));
        var profilesArgument = new Argument<string>("profiles") { Description = "A folder of profile files (*.json), or an NDJSON file, one profile per line." };
        profilesArgument.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (path is not null && !File.Exists(path) && !Directory.Exists(path))
            {
                result.AddError($"{path}: no such folder or file of profiles.");
            }
        });
        var diffFormat = new Option<string>("--format")
        {
            Description = "text (for people) or json (for CI).",
            DefaultValueFactory = _ => "text",
        };
        diffFormat.AcceptOnlyFromAmong("text", "json");
        var diff = new Command("diff", "What a rule change does to real advice: per profile, cards added, removed, re-ranked, with another indicator or other texts, readiness or weeks changed; then the profiles affected, by rule. Exit 0 when nothing changed, 1 when something did.")
        {
            oldRules,
            newRules,
            profilesArgument,
            diffFormat,
        };
        diff.SetAction((result, _) => DiffCommand.RunAsync(result.GetValue(oldRules)!, result.GetValue(newRules)!, result.GetValue(profilesArgument)!, result.GetValue(diffFormat)!, output, error));

        var compileDirectory = new Argument<string>("dir") { Description = "The rule folder to compile." };
        compileDirectory.Validators.Add(result => RuleFolderArgument.Check(result, result.GetValueOrDefault<string>(), string.Empty, "compile"));
        var compileOut = new Option<string?>("--out", "-o") { Description = "The C# file to write (written only when it changes). Default: standard output." };
        var compileNamespace = new Option<string>("--namespace")
        {
            Description = "The generated class's namespace.",
            DefaultValueFactory = _ => CompileCommand.DefaultNamespace,
        };
        var compileClass = new Option<string?>("--class")
        {
            Description = "The generated class's name. Default: the folder's name, then RuleSet (rules: RulesRuleSet).",
        };
        var compile = new Command("compile", "Compile a rule folder to C#: a host project that compiles the file in loads that folder without parsing an expression. Errors as validate gives them (exit 3).")
        {
            compileDirectory,
            compileOut,
            compileNamespace,
            compileClass,
        };
        compile.SetAction((result, _) => CompileCommand.RunAsync(result.GetValue(compileDirectory)!, result.GetValue(compileOut), result.GetValue(compileNamespace)!, result.GetValue(compileClass), output, error));

        return new RootCommand("retake-advice: ranked, explained next steps after a failed USMLE Step 1, from JSON rule sets.")
        {
            advise,
            explain,
            validate,
            test,
            diff,
            compile,
            serve,
        };
    }

    /// <summary>Parses a yyyy-MM-dd date, or explains why not.</summary>
    internal static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // Parsed by the option, not by the default parser: "abc" reached a validator as an exception with a stack trace.
    private static int? PositiveWholeNumber(System.CommandLine.Parsing.ArgumentResult result, string option) =>
        Parsed(result, option, $"a whole number from 1 to {int.MaxValue}", token =>
            int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : (int?)null);

    /// <summary>
    /// An option's value, parsed here rather than by the default parser: a bad value is a message naming the option and
    /// what it takes, never an exception.
    /// </summary>
    private static T? Parsed<T>(System.CommandLine.Parsing.ArgumentResult result, string option, string expected, Func<string, T?> parse)
        where T : struct
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (parse(token) is { } value)
        {
            return value;
        }

        result.AddError($"{option} must be {expected} (was '{token}').");
        return null;
    }
}
