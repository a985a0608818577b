namespace RetakeAdvice.Tests.TestSupport;

/// <summary>Short construction of expected <see cref="RuleSetError"/>s in assertions.</summary>
internal static class RuleSetErrors
{
    public static RuleSetError At(string file, string? rule, string? path, int? line, int? column, string message) =>
        new() { File = file, Rule = rule, Path = path, Line = line, Column = column, Message = message };
}
