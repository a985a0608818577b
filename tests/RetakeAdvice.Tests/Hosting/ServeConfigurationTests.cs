using System.Diagnostics;
using System.Net;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// serve takes its endpoints from standard ASP.NET Core configuration when --urls is not given: appsettings.json in
/// the working directory, or Kestrel__Endpoints__* variables; without either it listens on loopback only.
/// </summary>
public sealed class ServeConfigurationTests
{
    [Fact]
    public async Task Serve_WithoutUrls_ListensWhereAppsettingsSays()
    {
        var port = Ports.Free();
        var folder = Directory.CreateTempSubdirectory("retake-serve-config-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), $$"""{ "Kestrel": { "Endpoints": { "Main": { "Url": "http://127.0.0.1:{{port}}" } } } }""");

            Assert.Equal(HttpStatusCode.OK, await HealthOfServeAsync(folder.FullName, [], port));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Serve_WithoutUrls_ListensWhereTheVariablesSay()
    {
        var port = Ports.Free();
        var folder = Directory.CreateTempSubdirectory("retake-serve-config-");
        try
        {
            Assert.Equal(HttpStatusCode.OK, await HealthOfServeAsync(folder.FullName, [("Kestrel__Endpoints__Main__Url", $"http://127.0.0.1:{port}")], port));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<HttpStatusCode?> HealthOfServeAsync(string workingDirectory, (string Name, string Value)[] environment, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "retake-advice.dll"), "serve"])
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var serve = Process.Start(start)!;
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 150; i++)
            {
                try
                {
                    using var response = await client.GetAsync($"http://127.0.0.1:{port}/healthz");
                    return response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    Assert.False(serve.HasExited, "serve exited");
                    await Task.Delay(200);
                }
            }

            return null;
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
