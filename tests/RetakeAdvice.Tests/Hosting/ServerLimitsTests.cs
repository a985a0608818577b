using System.Net;
using System.Net.Sockets;
using System.Text;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>What one client may hold of the server: a trickling upload is ended, connections past the cap refused.</summary>
public sealed class ServerLimitsTests
{
    [Fact]
    public async Task TricklingUpload_IsEndedWithinSeconds()
    {
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, new ServerLimits { RequestTimeout = TimeSpan.FromSeconds(1) });
        await app.StartAsync();
        var uri = new Uri(app.Urls.First());
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();

        // Headers promising a body, one byte of it, then nothing: the slow-upload attack, held for ever before.
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/advice HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{"));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[256];
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, patience.Token);
        }
        catch (IOException)
        {
            read = 0; // the server reset the connection: ended too
        }

        // Ended: a 503 from the request timeout, or the connection closed for a too-slow upload.
        var answer = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.True(read == 0 || answer.StartsWith("HTTP/1.1 503", StringComparison.Ordinal) || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer);
        Assert.False(patience.IsCancellationRequested);
    }

    [Fact]
    public async Task ConnectionsPastTheCap_AreRefused_AndServedAgainOnceOneCloses()
    {
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, new ServerLimits { MaxConnections = 1 });
        await app.StartAsync();
        var uri = new Uri(app.Urls.First());
        var holder = new TcpClient();
        await holder.ConnectAsync(uri.Host, uri.Port);
        await Task.Delay(200); // the server counts it once accepted

        using (var refused = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(10) })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => refused.GetAsync("/healthz"));
        }

        holder.Dispose();
        using var served = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(10) };
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 50 && response is null; attempt++)
        {
            try
            {
                response = await served.GetAsync("/healthz");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100); // the closed connection's slot is released shortly after
            }
        }

        Assert.Equal(HttpStatusCode.OK, response?.StatusCode);
    }
}
