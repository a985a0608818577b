using System.Net;
using System.Text;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>A per-client rate limit: by API key when the client sent one, else by address; 429 with Retry-After past it.</summary>
public sealed class RateLimitTests
{
    private const string KeyA = "rate-limit-key-a-0123456789";
    private const string KeyB = "rate-limit-key-b-0123456789";

    [Fact]
    public async Task PastTheLimit_Is429WithRetryAfter_AndEachKeyHasItsOwnBudget()
    {
        var keys = ApiKeys.Parse($"{KeyA}\n{KeyB}\n", "keys.txt");
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, new ServerLimits { RequestsPerMinute = 2 }, apiKeys: keys);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var a = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            a.Add((await Get(client, KeyA)).StatusCode);
        }

        using var limited = await Get(client, KeyA);
        using var otherKey = await Get(client, KeyB);
        using var health = await client.GetAsync("/healthz"); // probes are not limited

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], a);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task WithoutKeys_TheClientsAddressIsLimited()
    {
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, new ServerLimits { RequestsPerMinute = 1 });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var profile = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));

        using var first = await client.PostAsync("/v1/advice", new StringContent(profile, Encoding.UTF8, "application/json"));
        using var second = await client.PostAsync("/v1/advice", new StringContent(profile, Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        await app.StopAsync();
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/ruleset");
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }
}
