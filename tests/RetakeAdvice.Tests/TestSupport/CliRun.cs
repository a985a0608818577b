using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>Runs <c>retake-advice</c> in process with empty standard input, capturing its exit code, output and errors.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new StringReader(string.Empty), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
