using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// No profile text reaches the server's log, at any level, whatever the request: good, invalid, malformed,
/// oversize, or one that makes a rule throw with the text in its message.
/// </summary>
public sealed class ServerLogTests
{
    private const string Marker = "PROFILE-TEXT-7F3A";

    [Fact]
    public async Task Requests_OfEveryKind_LogNoProfileText()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        // A rule whose error message carries the profile's text: "The input string '…' was not in a correct format."
        folder.EditFirstCard("school.json", card => card["summary"] = "{profile.TargetSpecialty != null && int.Parse(profile.TargetSpecialty) > 0 ? \"x\" : \"Talk to your school.\"}");
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var log = new CapturingLoggerProvider();
        await using var app = AdviceServer.Build(advisor, "http://127.0.0.1:0", logging: true, configureLogging: logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(log);
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var sample = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));

        var answers = new List<HttpStatusCode>();
        var lastAnswer = "";
        foreach (var body in new[]
        {
            sample.Replace("\"Type I hypersensitivity\"", $"\"{Marker} \\u001b[2J\"", StringComparison.Ordinal),
            sample.Replace("{", $"{{ \"{Marker}\": 1, ", StringComparison.Ordinal),
            """{ "studentType": "MARKER", "wellbeing": { "distress": "MARKER" } }""".Replace("MARKER", Marker, StringComparison.Ordinal),
            "{ \"topics\": [ \"" + Marker + "\" ",
            """{ "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-10-01" } ], "school": { "contacted": false }, "targetSpecialty": "MARKER" }""".Replace("MARKER", Marker, StringComparison.Ordinal),
        })
        {
            using var response = await client.PostAsync("/v1/advice", new StringContent(body, Encoding.UTF8, "application/json"));
            answers.Add(response.StatusCode);
            lastAnswer = await response.Content.ReadAsStringAsync();
        }

        var oversize = await SendOversizeAsync(new Uri(app.Urls.First()));
        await app.StopAsync();

        // Each kind was answered as itself: advice, refusals, the rule that threw, and too large.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.InternalServerError], answers);
        Assert.True(oversize is null or "HTTP/1.1 413 Payload Too Large", oversize);
        Assert.Contains(Marker, lastAnswer, StringComparison.Ordinal); // the rule's error carried the text: logging it would show here
        Assert.True(log.Lines.Count > 20, $"only {log.Lines.Count} log lines at Trace: the capture is not seeing the server");
        Assert.DoesNotContain(log.Lines, line => line.Contains(Marker, StringComparison.OrdinalIgnoreCase));
    }

    // A body over the limit, streamed in chunks with the marker first, so the server reads the marker before it
    // refuses the rest. It may close the connection while the client still writes: then no status line (null).
    private static async Task<string?> SendOversizeAsync(Uri uri)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/advice HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
            var chunk = Encoding.ASCII.GetBytes("{ \"" + Marker + "\": \"" + new string('a', 64 * 1024));
            for (var sent = 0; sent <= AdviceServer.MaxRequestBytes; sent += chunk.Length)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }
        }
        catch (IOException)
        {
            // refused mid-upload
        }

        try
        {
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
