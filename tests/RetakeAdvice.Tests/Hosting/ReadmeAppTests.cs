using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// The README's web-app snippet, pasted into a project of its own (tests/RetakeAdvice.ReadmeApp), built with the
/// solution and run as a process: it answers what <c>retake-advice serve</c> answers.
/// </summary>
public sealed class ReadmeAppTests
{
    private static readonly string AppFolder = Path.Combine(RepoPaths.Root, "tests", "RetakeAdvice.ReadmeApp");

    [Fact]
    public void Readme_ShowsTheAppWordForWord()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(Path.Combine(AppFolder, "Program.cs")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + program + "```\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_AnswersWhatServeAnswers()
    {
        await using var app = await RunningApp.StartAsync(environment: []);
        await using var serve = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false);
        await serve.StartAsync();
        using var client = new HttpClient();
        var sample = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
        const string Bad = """{ "failedAttempts": [ { "date": "2026-13-01" } ], "wellbeing": { "distress": 11 } }""";

        foreach (var (body, status) in new[] { (sample, HttpStatusCode.OK), (Bad, HttpStatusCode.BadRequest) })
        {
            using var fromApp = await client.PostAsync(app.Url + "/v1/advice", new StringContent(body, Encoding.UTF8, "application/json"));
            using var fromServe = await client.PostAsync(serve.Urls.First() + "/v1/advice", new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal((status, status), (fromApp.StatusCode, fromServe.StatusCode));
            Assert.Equal(fromServe.Content.Headers.ContentType?.MediaType, fromApp.Content.Headers.ContentType?.MediaType);
            Assert.Equal(WithoutTraceId(await fromServe.Content.ReadAsStringAsync()), WithoutTraceId(await fromApp.Content.ReadAsStringAsync()));
        }

        var status200 = JsonNode.Parse(await client.GetStringAsync(app.Url + "/v1/ruleset"))!;
        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, (string?)status200["sha256"]);
        await serve.StopAsync();
    }

    [Fact]
    public async Task App_TakesItsRulesFromConfiguration_AndABrokenFolderStopsItsStart()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "5.5.5");
        await using (var app = await RunningApp.StartAsync(environment: [("RetakeAdvice__RulesDirectory", folder.Path)]))
        {
            using var client = new HttpClient();
            var status = JsonNode.Parse(await client.GetStringAsync(app.Url + "/v1/ruleset"))!;
            Assert.Equal("5.5.5", (string?)status["version"]);
        }

        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.NoSuchFact");
        var (exitCode, output) = await RunningApp.RunToEndAsync(environment: [("RetakeAdvice__RulesDirectory", folder.Path)]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("school.contact-now", output, StringComparison.Ordinal); // the start failed naming the rule
    }

    // serve adds ASP.NET Core's problem-details service (a traceId per response); the rest must be the same.
    private static string WithoutTraceId(string json)
    {
        var node = JsonNode.Parse(json)!;
        if (node is JsonObject problem)
        {
            problem.Remove("traceId");
        }

        return node.ToJsonString();
    }

    private sealed class RunningApp : IAsyncDisposable
    {
        private readonly Process _process;

        private RunningApp(Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }

        public static async Task<RunningApp> StartAsync((string Name, string Value)[] environment)
        {
            var port = Ports.Free();
            var process = Start(environment, port, captureOutput: false);
            var url = $"http://127.0.0.1:{port}";
            // Refused connections (the app still starting) are retried; a connected request may take the fresh
            // process's JIT on a loaded machine, so it is not cut at a couple of seconds.
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                Assert.False(process.HasExited, $"the app exited with {(process.HasExited ? process.ExitCode : 0)}");
                try
                {
                    using var response = await client.GetAsync(url + "/v1/ruleset");
                    return new RunningApp(process, url);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the README app did not answer within 60 seconds");
        }

        public static async Task<(int ExitCode, string Output)> RunToEndAsync((string Name, string Value)[] environment)
        {
            using var process = Start(environment, Ports.Free(), captureOutput: true);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(patience.Token);
            var error = process.StandardError.ReadToEndAsync(patience.Token);
            await process.WaitForExitAsync(patience.Token);
            return (process.ExitCode, await output + await error);
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private static Process Start((string Name, string Value)[] environment, int port, bool captureOutput)
        {
            // The app's build sits beside the tests' build: same configuration, same target framework.
            var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var configuration = new DirectoryInfo(testBin).Parent!.Name; // bin/Debug/net10.0
            var appBin = Path.Combine(AppFolder, "bin", configuration, "net10.0");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(appBin, "RetakeAdvice.ReadmeApp.dll"), "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = appBin,
                // A running app's log is not read here: redirected and unread, it could fill the pipe and stall the app.
                RedirectStandardOutput = captureOutput,
                RedirectStandardError = captureOutput,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            return Process.Start(start)!;
        }
    }
}
