using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>With keys set, advice and the rule set's status answer only a client with a key; health and the API description stay open.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "k3y-0123456789abcdef";
    private const string OtherKey = "another-key-fedcba9876543210";
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _profile = null!;

    public async Task InitializeAsync()
    {
        var keys = ApiKeys.Parse($"# clients\n{Key}\r\n\n  {OtherKey}  \n", "keys.txt");
        _app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false, apiKeys: keys);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        _profile = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("POST", "/v1/advice")]
    [InlineData("POST", "/v1/advice/batch")]
    [InlineData("GET", "/v1/ruleset")]
    public async Task NoKey_Is401ProblemDetails(string method, string path)
    {
        using var response = await Send(method, path, request => { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("An API key is required", (string?)problem["title"]);
    }

    [Theory]
    [InlineData("Authorization", "Bearer k3y-0123456789abcdeF")] // one character off
    [InlineData("Authorization", "Bearer k3y-0123456789abcde")] // a prefix
    [InlineData("X-Api-Key", "k3y-0123456789abcdef0")]
    [InlineData("Authorization", "Basic azN5LTAxMjM0NTY3ODlhYmNkZWY=")] // another scheme is no key
    public async Task WrongKey_Is401(string header, string value)
    {
        using var response = await Send("POST", "/v1/advice", request => request.Headers.TryAddWithoutValidation(header, value));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(Key, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + Key)]
    [InlineData("Authorization", "bearer " + OtherKey)]
    [InlineData("X-Api-Key", Key)]
    public async Task EitherHeader_WithAKey_IsServed(string header, string value)
    {
        var library = Reports.ShippedHttpAnswer(_profile);

        using var advice = await Send("POST", "/v1/advice", request => request.Headers.TryAddWithoutValidation(header, value));
        using var ruleSet = await Send("GET", "/v1/ruleset", request => request.Headers.TryAddWithoutValidation(header, value));

        Assert.Equal(HttpStatusCode.OK, advice.StatusCode);
        Assert.Equal(library, await advice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ruleSet.StatusCode);
        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, (string?)JsonNode.Parse(await ruleSet.Content.ReadAsStringAsync())!["sha256"]);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task HealthAndDescription_StayOpen(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_SaysTheKeyIsRequired()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        foreach (var operation in new[] { document["paths"]!["/v1/advice"]!["post"]!, document["paths"]!["/v1/advice/batch"]!["post"]!, document["paths"]!["/v1/ruleset"]!["get"]! })
        {
            var schemes = operation["security"]!.AsArray().Select(requirement => string.Join("+", requirement!.AsObject().Select(p => p.Key))).ToList();
            Assert.Equal(["bearer", "apiKey"], schemes); // no empty requirement: anonymous calls are not allowed
        }
    }

    [Fact]
    public void Parse_AKeyListedTwice_CountsOnce() => Assert.Equal(2, ApiKeys.Parse($"{Key}\n{OtherKey}\n{Key}\n", "keys.txt").Count);

    [Theory]
    [InlineData("", "keys.txt has no key")]
    [InlineData("# only a comment\n\n", "keys.txt has no key")]
    [InlineData("short\n", "keys.txt, line 1: a key has at least 16 characters (this one has 5).")]
    [InlineData("0123456789abcdef\ntwo keys on-one-line-here\n", "keys.txt, line 2: a key has no spaces inside")]
    public void Parse_BadFile_NamesFileAndLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ApiKeys.Parse(text, "keys.txt"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_OnlyTheKeysAsWritten()
    {
        var keys = ApiKeys.Parse("0123456789abcdef\n", "keys.txt");

        Assert.True(keys.Contains("0123456789abcdef"));
        Assert.False(keys.Contains("0123456789ABCDEF"));
        Assert.False(keys.Contains(""));
        Assert.False(keys.Contains(new string('0', 100_000)));
    }

    [Fact]
    public async Task Serve_MissingOrEmptyKeysFile_ExitsTwoNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var empty = Path.Combine(folder.FullName, "empty-keys.txt");
            await File.WriteAllTextAsync(empty, "\n");
            foreach (var (file, expected) in new[] { (Path.Combine(folder.FullName, "missing.txt"), "missing.txt"), (empty, "empty-keys.txt has no key") })
            {
                using var output = new StringWriter();
                using var error = new StringWriter();

                var code = await CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--api-keys-file", file], new StringReader(""), output, error);

                Assert.Equal(ExitCodes.BadInput, code);
                Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<HttpResponseMessage> Send(string method, string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(_profile, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        configure(request);
        return await _client.SendAsync(request);
    }
}
