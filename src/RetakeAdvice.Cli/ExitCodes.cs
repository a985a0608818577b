namespace RetakeAdvice.Cli;

/// <summary>The command's exit codes, part of its contract.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Rule tests ran and at least one failed.</summary>
    public const int TestsFailed = 1;

    /// <summary><c>diff</c>: the advice changed for at least one profile (the same code: a check that did not hold).</summary>
    public const int AdviceChanged = 1;

    /// <summary>Bad input: the arguments, or a file or folder they name that is missing or unreadable, or the profile.</summary>
    public const int BadInput = 2;

    /// <summary>Bad rules: the rule folder does not load, or a rule threw.</summary>
    public const int BadRules = 3;

    /// <summary><c>serve</c> could not listen: the address is in use or cannot be bound.</summary>
    public const int CannotListen = 4;
}
