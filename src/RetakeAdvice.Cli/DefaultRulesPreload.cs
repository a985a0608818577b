namespace RetakeAdvice.Cli;

/// <summary>
/// Starts loading the embedded rule set on a thread-pool thread as soon as the command line shows it will be
/// needed, so that on a second core it loads while System.CommandLine parses and the profile is read and
/// deserialized. The loaded set is the library's own shared instance: the command's
/// <see cref="RetakeAdvisor.Create(RuleSource?, TimeProvider?, Microsoft.Extensions.Logging.ILoggerFactory?)"/> takes it, waiting if loading has not finished.
/// </summary>
internal static class DefaultRulesPreload
{
    public static void StartIfNeeded(string[] args)
    {
        if (!UsesEmbeddedRules(args))
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                RetakeAdvisor.Create().Dispose();
            }
            catch (RuleSetException)
            {
                // Not lost: the library keeps the failure, and the command's own Create reports it (exit 3).
            }
        });
    }

    /// <summary>
    /// True for <c>advise</c> and <c>explain</c> without <c>--rules</c>, and <c>validate</c> or <c>test</c> without a
    /// folder; never for help. A wrong guess only costs a load nobody uses.
    /// </summary>
    internal static bool UsesEmbeddedRules(string[] args)
    {
        if (args.Length == 0)
        {
            return false;
        }

        foreach (var arg in args)
        {
            if (arg is "-h" or "--help" or "-?" or "--version" || arg.StartsWith("--rules", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return args[0] switch
        {
            "advise" or "explain" => true,
            "validate" or "test" => args.Length == 1,
            _ => false,
        };
    }
}
