using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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

    [Fact]
    public async Task Serve_WithoutUrls_HttpsWithTheCertificateAppsettingsNames()
    {
        // The README's TLS example: an HTTPS endpoint with a certificate file and its password.
        var port = Ports.Free();
        var folder = Directory.CreateTempSubdirectory("retake-serve-tls-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var pfx = Path.Combine(folder.FullName, "tls.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), $$"""
                { "Kestrel": { "Endpoints": { "Https": { "Url": "https://127.0.0.1:{{port}}",
                  "Certificate": { "Path": "{{pfx}}", "Password": "test-password" } } } } }
                """);

            var thumbprint = certificate.Thumbprint;
            Assert.Equal(HttpStatusCode.OK, await HealthOfServeAsync(folder.FullName, [], port, https: thumbprint));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Serve_AppsettingsNotJson_ExitsTwoNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("retake-bad-settings-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), "{ \"Kestrel\": ");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "retake-advice.dll"), "serve"])
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var serve = Process.Start(start)!;
            var output = serve.StandardOutput.ReadToEndAsync();
            var error = await serve.StandardError.ReadToEndAsync();
            await serve.WaitForExitAsync();

            Assert.Equal(2, serve.ExitCode);
            Assert.Contains("appsettings.json", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", await output + error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // https: for an HTTPS endpoint, the thumbprint of the only certificate the client accepts.
    private static async Task<HttpStatusCode?> HealthOfServeAsync(string workingDirectory, (string Name, string Value)[] environment, int port, string? https = null)
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
            using var handler = new HttpClientHandler();
            if (https is not null)
            {
                handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == https;
            }

            // Refused connections (serve still starting) are retried below; a connected request gets time for the first
            // TLS handshake and JIT of a fresh process on a loaded machine (2 s was once not enough under the full suite).
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; i < 150; i++)
            {
                try
                {
                    using var response = await client.GetAsync($"{(https is null ? "http" : "https")}://127.0.0.1:{port}/healthz");
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
