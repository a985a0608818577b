using System.Net;
using System.Net.Sockets;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Cli;

/// <summary>
/// One contract for failures: every command gives the same exit code for the same kind of failure, with one message
/// on standard error naming what is wrong and no stack trace. 2: a bad argument, or a file or folder it names that
/// is missing; 3: rules that do not load, or a rule that throws; 4: serve cannot listen.
/// </summary>
public sealed class ExitCodeMatrixTests : IDisposable
{
    private static readonly string Sample = Profiles.SamplePath("near-miss.json");
    private readonly string _missing = Path.Combine(Path.GetTempPath(), "retake-missing-" + Guid.NewGuid().ToString("N"));
    private readonly TempRuleFolder _broken = TempRuleFolder.CopyOfShippedRules();
    private readonly TempRuleFolder _throwing = TempRuleFolder.CopyOfShippedRules();
    private readonly string _noPracticeExams = Path.Combine(Path.GetTempPath(), "retake-profile-" + Guid.NewGuid().ToString("N") + ".json");

    public ExitCodeMatrixTests()
    {
        // No practice exam: the throwing rule reads the latest one's score.
        File.WriteAllText(_noPracticeExams, """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}]}""");
        _broken.EditFirstRule("school.json", rule => rule["Expression"] = "facts.NoSuchFact");
        _throwing.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
    }

    public void Dispose()
    {
        File.Delete(_noPracticeExams);
        _broken.Dispose();
        _throwing.Dispose();
    }

    [Fact]
    public async Task EveryCommand_SameKindOfFailure_SameCode()
    {
        var missingProfile = _missing + ".json";
        var cases = new (string Kind, int Code, string Names, string[] Args)[]
        {
            ("missing folder", 2, _missing, ["validate", _missing]),
            ("missing folder", 2, _missing, ["test", _missing]),
            ("missing folder", 2, _missing, ["advise", Sample, "--rules", _missing]),
            ("missing folder", 2, _missing, ["explain", Sample, "--rules", _missing]),
            ("missing folder", 2, _missing, ["serve", "--urls", "http://127.0.0.1:0", "--rules", _missing]),
            ("missing folder", 2, _missing, ["advise", "--batch", _noPracticeExams, "--rules", _missing]),
            ("missing file", 2, missingProfile, ["advise", missingProfile]),
            ("missing file", 2, missingProfile, ["explain", missingProfile]),
            ("missing file", 2, missingProfile, ["advise", "--batch", missingProfile]),
            ("missing file", 2, "the path is empty", ["advise", ""]),
            ("missing file", 2, "the path is empty", ["explain", ""]),
            ("missing file", 2, "the path is empty", ["advise", "--batch", ""]),
            ("missing file", 2, missingProfile, ["serve", "--urls", "http://127.0.0.1:0", "--api-keys-file", missingProfile]),
            ("bad argument", 2, "--bogus", ["validate", "--bogus"]),
            ("bad argument", 2, "--bogus", ["test", "--bogus"]),
            ("bad argument", 2, "xml", ["advise", Sample, "--format", "xml"]),
            ("bad argument", 2, "xml", ["explain", Sample, "--format", "xml"]),
            ("bad argument", 2, "--format text", ["advise", "--batch", _noPracticeExams, "--format", "text"]),
            ("bad argument", 2, "--batch", ["advise", "--batch"]),
            ("bad argument", 2, "--batch", ["advise", "--batch", "-", "--batch", _noPracticeExams]),
            ("bad argument", 2, "abc", ["serve", "--max-connections", "abc"]),
            ("bad argument", 2, "notaurl", ["serve", "--urls", "notaurl"]),
            ("bad argument", 2, "--rate-limit", ["serve", "--rate-limit", "0"]),
            ("bad rules", 3, "school.contact-now", ["validate", _broken.Path]),
            ("bad rules", 3, "school.contact-now", ["test", _broken.Path]),
            ("bad rules", 3, "school.contact-now", ["advise", Sample, "--rules", _broken.Path]),
            ("bad rules", 3, "school.contact-now", ["explain", Sample, "--rules", _broken.Path]),
            ("bad rules", 3, "school.contact-now", ["advise", "--batch", _noPracticeExams, "--rules", _broken.Path]),
            ("bad rules", 3, "school.contact-now", ["serve", "--urls", "http://127.0.0.1:0", "--rules", _broken.Path]),
            ("a rule that throws", 3, "school.contact-now", ["test", _throwing.Path]),
            ("a rule that throws", 3, "school.contact-now", ["advise", _noPracticeExams, "--rules", _throwing.Path]),
            ("a rule that throws", 3, "school.contact-now", ["explain", _noPracticeExams, "--rules", _throwing.Path]),
            ("a rule that throws", 3, "school.contact-now", ["advise", "--batch", _noPracticeExams, "--rules", _throwing.Path]),
        };

        var wrong = new List<string>();
        foreach (var (kind, code, names, args) in cases)
        {
            var (exit, output, error) = await RunAsync(args);
            if (exit != code || !error.Contains(names, StringComparison.Ordinal) || (error + output).Contains("   at ", StringComparison.Ordinal))
            {
                wrong.Add($"{kind}: {string.Join(' ', args)} gave {exit} (expected {code}), stderr: {error.Trim()}");
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(33, cases.Length); // every row ran
    }

    [Fact]
    public async Task Serve_BusyPort_ExitsFourNamingTheAddress()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}";

        var (exit, output, error) = await RunAsync(["serve", "--urls", url]);

        Assert.Equal(ExitCodes.CannotListen, exit);
        Assert.Equal($"serve could not listen on {url}: Failed to bind to address {url}: address already in use.", error.Trim());
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AnAddressNotThisMachines_ExitsFour()
    {
        const string Url = "http://192.0.2.1:5000"; // TEST-NET-1: documentation only, never a host's address

        var (exit, output, error) = await RunAsync(["serve", "--urls", Url]);

        Assert.Equal(ExitCodes.CannotListen, exit);
        Assert.StartsWith($"serve could not listen on {Url}: ", error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new StringReader(string.Empty), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
