using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// serve exports the RetakeAdvice meter and spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set: a collector of
/// our own on loopback receives metrics and traces after one advice call, and no profile text on the wire.
/// </summary>
public sealed class OtlpExportTests
{
    private const string Marker = "OTLP-PROFILE-TEXT-5C1E";

    [Fact]
    public async Task Serve_WithAnOtlpEndpoint_ExportsMetricsAndTraces()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(("/v1/" + signal, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();

        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "retake-advice.dll"), "serve", "--urls", $"http://127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.First();
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "300";
        start.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        using var serve = Process.Start(start)!;
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var profile = (await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"))).Replace("\"Type I hypersensitivity\"", $"\"{Marker}\"", StringComparison.Ordinal);
            HttpResponseMessage? advice = null;
            for (var i = 0; i < 150 && advice is null; i++)
            {
                try
                {
                    advice = await client.PostAsync($"http://127.0.0.1:{port}/v1/advice", new StringContent(profile, Encoding.UTF8, "application/json"));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.Equal(HttpStatusCode.OK, advice?.StatusCode);
            var watch = Stopwatch.StartNew();
            bool Metrics() => received.Any(r => r.Path == "/v1/metrics" && Contains(r.Body, "retake_advice.advise.duration"));
            bool Traces() => received.Any(r => r.Path == "/v1/traces" && Contains(r.Body, "advise"));
            while (watch.Elapsed < TimeSpan.FromSeconds(20) && !(Metrics() && Traces()))
            {
                await Task.Delay(100);
            }

            Assert.Contains(received, r => r.Path == "/v1/metrics" && Contains(r.Body, "retake_advice.advise.duration"));
            Assert.Contains(received, r => r.Path == "/v1/traces" && Contains(r.Body, "advise"));
            Assert.DoesNotContain(received, r => Contains(r.Body, Marker));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            await collector.StopAsync();
        }
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
