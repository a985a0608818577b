using System.Text;
using RetakeAdvice.Cli;
using RetakeAdvice.Tests.Hosting;

namespace RetakeAdvice.Tests.Cli;

/// <summary><c>advise --batch FILE|-</c>: NDJSON in, one answer per line out, a summary on standard error, one exit code.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "retake-batch-" + Guid.NewGuid().ToString("N") + ".ndjson");

    public void Dispose() => File.Delete(_file);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new StringReader(stdin), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task File_WithInvalidLines_EveryLineAnsweredInOrder_Exit2_SummaryNamesTheLines()
    {
        var lines = BatchTests.MixedLines(200);
        await File.WriteAllTextAsync(_file, string.Join('\n', lines) + "\n");

        var (exit, output, error) = await RunAsync(string.Empty, "advise", "--batch", _file);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(lines.Select((line, i) => BatchTests.SingleAnswer(line, i + 1)), output.TrimEnd('\n').Split('\n'));
        Assert.Equal("200 profiles: 192 advised, 8 not valid (lines 79, 83, 89, 97, 158, 166, 178, 194; each line's answer says why).", error.Trim());
    }

    [Fact]
    public async Task StandardInput_AllValid_Exit0()
    {
        var lines = BatchTests.MixedLines(60);

        var (exit, output, error) = await RunAsync(string.Join('\n', lines), "advise", "--batch", "-");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(lines.Select((line, i) => BatchTests.SingleAnswer(line, i + 1)), output.TrimEnd('\n').Split('\n'));
        Assert.Equal("60 profiles: 60 advised.", error.Trim());
    }

    [Fact]
    public async Task AsOf_AppliesToEveryLine()
    {
        const string line = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}]}""";

        var (exit, output, _) = await RunAsync(line + "\n" + line + "\n", "advise", "--batch", "-", "--as-of", "2026-12-02");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(answer => answer.Contains("\"asOf\":\"2026-12-02\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("advise")]
    [InlineData("advise", "profile.json", "--batch", "-")]
    public async Task ProfileAndBatch_ExactlyOne(params string[] args)
    {
        var (exit, output, error) = await RunAsync(string.Empty, args);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(output);
        Assert.Contains("--batch", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheToolItself_StreamsThroughTheProcessesStandardStreams()
    {
        // The process's own byte streams, not the text writers the in-process tests use.
        var lines = BatchTests.MixedLines(30);
        await File.WriteAllTextAsync(_file, string.Join('\n', lines) + "\n");
        var tool = Path.Combine(AppContext.BaseDirectory, "retake-advice.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [tool, "advise", "--batch", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var reading = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(_file));
        process.StandardInput.Close();
        var output = await reading;
        await process.WaitForExitAsync();

        Assert.Equal(ExitCodes.Ok, process.ExitCode);
        Assert.Equal(lines.Select((line, i) => BatchTests.SingleAnswer(line, i + 1)), output.TrimEnd('\n').Split('\n'));
    }
}
