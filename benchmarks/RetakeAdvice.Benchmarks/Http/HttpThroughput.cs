using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks.Http;

/// <summary>
/// HTTP throughput of <c>serve</c> against the limit of the HTTP path: a minimal ASP.NET Core endpoint that reads
/// the body and answers the very bytes <c>serve</c> answers for it. <c>serve</c> is the real command, started from
/// the build beside this one (embedded rules, default limits); the minimal endpoint runs in this process, which is
/// otherwise idle while wrk loads it. wrk loads the two in turns, alternating which goes first, so drift on a
/// shared machine lands on both; the ratio of the medians is the result.
/// Run: <c>dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- http [--seconds 10] [--rounds 5] [--connections 32] [--profile samples/near-miss.json]</c>
/// </summary>
public static partial class HttpThroughput
{
    public const string Command = "http";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var seconds = Option(args, "--seconds", 10);
        var rounds = Option(args, "--rounds", 5);
        var connections = Option(args, "--connections", 32);
        var profilePath = OptionText(args, "--profile") ?? RepoFiles.Find(Path.Combine("samples", "near-miss.json"));
        if (!WrkIsInstalled())
        {
            output.WriteLine("wrk is not installed: apt-get install -y wrk");
            return 2;
        }

        var body = await File.ReadAllBytesAsync(profilePath).ConfigureAwait(false);
        using var serve = await StartServeAsync().ConfigureAwait(false);
        var serveUrl = serve.Url + "/v1/advice";

        // What serve answers for this profile, as a client that asks for nothing in particular gets it.
        using var client = new HttpClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var answer = await client.PostAsync(serveUrl, content).ConfigureAwait(false);
        var reportBytes = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!answer.IsSuccessStatusCode)
        {
            output.WriteLine($"serve answered {(int)answer.StatusCode} for {profilePath}");
            return 1;
        }

        await using var minimal = BuildMinimal(reportBytes, answer.Content.Headers.ContentType!.ToString());
        await minimal.StartAsync().ConfigureAwait(false);
        var minimalUrl = minimal.Urls.Single() + "/v1/advice";

        var script = Path.Combine(Path.GetTempPath(), $"retake-advice-post-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, WrkScript(profilePath)).ConfigureAwait(false);
        try
        {
            output.WriteLine($"profile {Path.GetFileName(profilePath)}: {body.Length} bytes in, {reportBytes.Length} bytes out; wrk -t1 -c{connections} -d{seconds}s, {rounds} rounds after a warm-up, {Environment.ProcessorCount} cores");
            var minimalProcess = Process.GetCurrentProcess();
            // Warm-up: the tiered JIT settles in both before anything counts.
            Wrk(minimalUrl, script, connections, seconds, minimalProcess);
            Wrk(serveUrl, script, connections, seconds, serve.Process);
            var minimalRuns = new List<Run>();
            var serveRuns = new List<Run>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate the order: neither target always runs on the warmer (or noisier) half of a round.
                if (round % 2 == 0)
                {
                    minimalRuns.Add(Wrk(minimalUrl, script, connections, seconds, minimalProcess));
                    serveRuns.Add(Wrk(serveUrl, script, connections, seconds, serve.Process));
                }
                else
                {
                    serveRuns.Add(Wrk(serveUrl, script, connections, seconds, serve.Process));
                    minimalRuns.Add(Wrk(minimalUrl, script, connections, seconds, minimalProcess));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: minimal {minimalRuns[^1].RequestsPerSecond:N0} req/s, serve {serveRuns[^1].RequestsPerSecond:N0} req/s, ratio {serveRuns[^1].RequestsPerSecond / minimalRuns[^1].RequestsPerSecond:0.00}"));
            }

            var ratio = Median(serveRuns, r => r.RequestsPerSecond) / Median(minimalRuns, r => r.RequestsPerSecond);
            output.WriteLine();
            output.WriteLine("| Target | Median req/s | Server CPU per request (median) | Rounds (req/s) |");
            output.WriteLine("|---|---:|---:|---|");
            output.WriteLine(Row("minimal endpoint, same bytes", minimalRuns));
            output.WriteLine(Row("serve (POST /v1/advice)", serveRuns));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nserve / minimal = {ratio:0.00}"));
            return 0;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private sealed record Serve(Process Process, string Url) : IDisposable
    {
        public void Dispose()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }

    /// <summary>Starts <c>retake-advice serve</c> on a free loopback port and waits until it answers.</summary>
    private static async Task<Serve> StartServeAsync()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var tool = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "retake-advice.exe" : "retake-advice");
        var process = Process.Start(new ProcessStartInfo(tool, ["serve", "--urls", url]) { RedirectStandardError = true })!;
        var serve = new Serve(process, url);
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var health = await client.GetAsync(url + "/healthz").ConfigureAwait(false);
                if (health.IsSuccessStatusCode)
                {
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        serve.Dispose();
        throw new InvalidOperationException("serve did not start: " + process.StandardError.ReadToEnd());
    }

    /// <summary>The limit of the HTTP path: read the whole body, answer fixed bytes.</summary>
    private static WebApplication BuildMinimal(byte[] reportBytes, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/advice", async (HttpContext context) =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            context.Response.ContentType = contentType;
            context.Response.ContentLength = reportBytes.Length;
            await context.Response.Body.WriteAsync(reportBytes, context.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }

    private static string WrkScript(string profilePath) =>
        $"""
        local f = io.open("{profilePath.Replace("\\", "/", StringComparison.Ordinal)}", "rb")
        wrk.method = "POST"
        wrk.body = f:read("*all")
        f:close()
        wrk.headers["Content-Type"] = "application/json"
        """;

    /// <summary>One wrk run: its rate, and the CPU time the serving process spent per request meanwhile.</summary>
    private sealed record Run(double RequestsPerSecond, double CpuMicrosecondsPerRequest);

    private static Run Wrk(string url, string script, int connections, int seconds, Process server)
    {
        var start = new ProcessStartInfo("wrk", ["-t1", $"-c{connections}", $"-d{seconds}s", "-s", script, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        server.Refresh();
        var cpuBefore = server.TotalProcessorTime;
        using var wrk = Process.Start(start)!;
        var text = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        server.Refresh();
        var cpu = server.TotalProcessorTime - cpuBefore;
        if (NonSuccess().IsMatch(text))
        {
            throw new InvalidOperationException($"{url} answered with errors under load:\n{text}");
        }

        var requests = long.Parse(Requests().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Run(double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture), cpu.TotalMicroseconds / requests);
    }

    private static bool WrkIsInstalled()
    {
        try
        {
            using var wrk = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            wrk.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Row(string name, List<Run> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(runs, r => r.RequestsPerSecond):N0} | {Median(runs, r => r.CpuMicrosecondsPerRequest):N1} µs | {string.Join(", ", runs.Select(r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} |");

    private static double Median(List<Run> runs, Func<Run, double> value)
    {
        var sorted = runs.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses|Socket errors")]
    private static partial Regex NonSuccess();
}
