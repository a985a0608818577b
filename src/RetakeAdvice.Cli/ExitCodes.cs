namespace RetakeAdvice.Cli;

/// <summary>The command's exit codes, part of its contract.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Rule tests ran and at least one failed.</summary>
    public const int TestsFailed = 1;

    /// <summary>Bad input: the profile or the arguments.</summary>
    public const int BadInput = 2;

    /// <summary>Bad rules: the rule folder does not load, or a rule threw.</summary>
    public const int BadRules = 3;
}
