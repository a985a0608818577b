using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Page;

/// <summary>What serve answers for the page and its explain endpoint, over plain HTTP: no browser needed.</summary>
public sealed partial class PageHttpTests(PageServer server) : IClassFixture<PageServer>
{
    [Theory]
    [InlineData("", "text/html")]
    [InlineData("page.css", "text/css")]
    [InlineData("page.js", "text/javascript")]
    [InlineData("samples", "application/json")]
    [InlineData("samples/near-miss", "application/json")]
    public async Task PageFiles_HaveTheirTypeAnETagAndNoSniffing_AndAnswer304WhenUnchanged(string path, string type)
    {
        using var first = await server.Client.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await server.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(type, first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(first.Headers.CacheControl!.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Page_HasTheContentSecurityPolicy()
    {
        using var response = await server.Client.GetAsync("");

        Assert.Equal(AdvicePage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe", AdvicePage.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_AreEveryFileOfSamples_ServedFromTheTool()
    {
        var names = JsonNode.Parse(await server.Client.GetStringAsync("samples"))!.AsArray().Select(n => (string)n!).ToArray();

        Assert.Equal(Profiles.SampleFiles().Select(Path.GetFileNameWithoutExtension), names);
        foreach (var file in Profiles.SampleFiles())
        {
            Assert.Equal(await File.ReadAllBytesAsync(file), await server.Client.GetByteArrayAsync("samples/" + Path.GetFileNameWithoutExtension(file)));
        }
    }

    [Theory]
    [InlineData("samples/no-such-sample")]
    [InlineData("samples/..%2Frules%2Fruleset")]
    [InlineData("index.html")]
    public async Task UnknownFiles_Are404(string path)
    {
        using var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void PageMarkup_HasNoInlineScriptStyleOrHandlers()
    {
        var html = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "RetakeAdvice.Cli", "Page", "index.html"));

        Assert.Empty(InlineScript().Matches(html));
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(InlineHandlerOrStyle().Matches(html));
    }

    [Fact]
    public void PageScript_NeverParsesMarkupOrEvaluatesText()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "RetakeAdvice.Cli", "Page", "page.js"));

        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'", "DOMParser", "createContextualFragment" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explain_AnswersTheLibrarysExplanation()
    {
        var profile = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
        var expected = RetakeAdviceJson.WriteExplanation(Shipped.Advisor.Explain(RetakeAdviceJson.ReadProfile(profile)));

        using var response = await server.Client.PostAsync("v1/explain", new StringContent(profile, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Explain_BadProfile_Is400ByJsonPath_AsAdviceIs()
    {
        const string Bad = "{\"failedAttempts\": [], \"wellbeing\": {\"distress\": 11}}";

        using var explain = await server.Client.PostAsync("v1/explain", new StringContent(Bad, Encoding.UTF8, "application/json"));
        using var advice = await server.Client.PostAsync("v1/advice", new StringContent(Bad, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, explain.StatusCode);
        var errors = JsonNode.Parse(await explain.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["$.failedAttempts", "$.wellbeing.distress"], errors.Select(e => e.Key));
        Assert.Equal(errors.ToJsonString(), JsonNode.Parse(await advice.Content.ReadAsStringAsync())!["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task Explain_OverTheLimit_Is413()
    {
        // A raw request announcing a body over the limit, as the advice endpoint's test does: refused before it is read.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Url.Host, server.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /v1/explain HTTP/1.1\r\nHost: {server.Url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {AdviceServer.MaxRequestBytes + 10}\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);

        Assert.Equal("HTTP/1.1 413 Payload Too Large", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task WithApiKeys_PageAndSamplesStayOpen_ExplainNeedsTheKey()
    {
        const string Key = "page-http-test-key-0123";
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, apiKeys: ApiKeys.Parse(Key, "keys.txt"));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/samples/near-miss")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/v1/explain", new StringContent(Profiles.MinimalJson()))).StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/v1/explain") { Content = new StringContent(Profiles.MinimalJson()) };
        keyed.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(keyed)).StatusCode);
        var schemes = document["paths"]!["/v1/explain"]!["post"]!["security"]!.AsArray().Select(r => string.Join("+", r!.AsObject().Select(p => p.Key)));
        Assert.Equal(["bearer", "apiKey"], schemes);
        await app.StopAsync();
    }

    [Fact]
    public async Task Explain_CountsAgainstTheRateLimit()
    {
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, new ServerLimits { RequestsPerMinute = 1 });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var first = await client.PostAsync("/v1/explain", new StringContent(Profiles.MinimalJson()));
        using var second = await client.PostAsync("/v1/explain", new StringContent(Profiles.MinimalJson()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        await app.StopAsync();
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(on[a-z]+|style)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
