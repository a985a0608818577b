using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>The HTTP API over real HTTP on loopback.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task PostAdvice_EverySample_SameJsonAsTheLibraryAndTheCli()
    {
        foreach (var sample in Directory.EnumerateFiles(RepoPaths.Samples, "*.json"))
        {
            var json = await File.ReadAllTextAsync(sample);
            var library = Reports.ShippedHttpAnswer(json);

            using var response = await _client.PostAsync("/v1/advice", new StringContent(json, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(library, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("?indent=true", true)]
    [InlineData("?indent=True", true)]
    [InlineData("?indent=false", false)]
    [InlineData("?indent=yes", false)]
    [InlineData("", false)]
    public async Task PostAdvice_IndentedOnlyWhenAsked(string query, bool indented)
    {
        var json = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
        var report = Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(json));

        using var response = await _client.PostAsync("/v1/advice" + query, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(indented ? RetakeAdviceJson.WriteReport(report) : Reports.Compact(report), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostBatch_ThousandLines_OneAnswerPerLineInOrder_EachAsTheSingleCallAnswers()
    {
        var lines = BatchTests.MixedLines();
        var body = new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");

        using var response = await _client.PostAsync("/v1/advice/batch", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var answers = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(lines.Length, answers.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > 0 && !lines[i].StartsWith("{ not", StringComparison.Ordinal) && i % 50 == 0)
            {
                // The same bytes as POST /v1/advice, for a sample of the lines (the library test compares every one).
                using var single = await _client.PostAsync("/v1/advice", new StringContent(lines[i], Encoding.UTF8, "application/json"));
                if (single.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal(await single.Content.ReadAsStringAsync(), answers[i]);
                }
            }

            Assert.Equal(BatchTests.SingleAnswer(lines[i], i + 1), answers[i]);
        }
    }

    [Fact]
    public async Task PostBatch_OverItsSizeLimit_Is413()
    {
        // Said by Content-Length, answered before any of the body is sent (raw HTTP: HttpClient insists on sending it).
        using var tcp = new System.Net.Sockets.TcpClient();
        var address = new Uri(_app.Urls.Single());
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /v1/advice/batch HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {RetakeAdviceEndpointRouteBuilderExtensions.MaxBatchRequestBytes + 1}\r\n\r\n"));
        using var reader = new StreamReader(stream);

        var statusLine = await reader.ReadLineAsync();

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
    }

    [Fact]
    public async Task PostBatch_LargerThanOneProfile_IsRead()
    {
        // The server's body limit is one profile's (4 MiB); a batch raises it for its own request.
        var line = JsonNode.Parse(await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json")))!.ToJsonString();
        var count = (int)(RetakeAdviceJson.MaxProfileBytes / line.Length) + 100;
        var body = new StringContent(string.Concat(Enumerable.Repeat(line + "\n", count)), Encoding.UTF8, "application/x-ndjson");

        using var response = await _client.PostAsync("/v1/advice/batch", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(count, (await response.Content.ReadAsStringAsync()).Count(c => c == '\n'));
    }

    [Fact]
    public async Task PostAdvice_BadProfile_Is400ProblemDetailsNamingEveryField()
    {
        const string Json = """{ "failedAttempts": [ { "date": "2026-13-01" } ], "wellbeing": { "distress": 11 }, "nickname": "x" }""";

        using var response = await _client.PostAsync("/v1/advice", new StringContent(Json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The profile is not valid", (string?)problem["title"]);
        Assert.Equal(
            ["$.failedAttempts[0].date", "$.nickname", "$.wellbeing.distress"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("must be between 0 and 10 (was 11)", (string?)problem["errors"]!["$.wellbeing.distress"]![0]);
        Assert.Equal("3 problems; see errors.", (string?)problem["detail"]); // listed once, not again in the detail
    }

    [Fact]
    public async Task PostAdvice_ByteOrderMark_ReadLikeTheCli()
    {
        var json = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
        var withBom = new ByteArrayContent([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)]);
        withBom.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/v1/advice", withBom);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Reports.ShippedHttpAnswer(json), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostAdvice_MillionsOfWrongItems_AnsweredSmall()
    {
        // Just under the 4 MiB limit: about two million wrong topics, each once a problem of its own.
        var json = "{ \"failedAttempts\": [ { \"date\": \"2026-10-01\", \"pointsBelowPassing\": 5 } ], \"topics\": ["
            + string.Join(",", Enumerable.Repeat("1", 2_000_000)) + "] }";

        using var response = await _client.PostAsync("/v1/advice", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length < 2_000, $"a {body.Length}-character answer");
        Assert.Equal("has 2000000 items; at most 10000 are allowed", (string?)JsonNode.Parse(body)!["errors"]!["$.topics"]![0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"failedAttempts\": ")]
    [InlineData("null")]
    public async Task PostAdvice_NotAProfile_Is400(string body)
    {
        using var response = await _client.PostAsync("/v1/advice", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"$\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostAdvice_OverTheSizeLimit_Is413()
    {
        // A raw request announcing a body over the limit: the server refuses it before reading it, so the test
        // does not race the server closing the connection on a client still sending.
        var uri = new Uri(_app.Urls.Single());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var head = $"POST /v1/advice HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: {AdviceServer.MaxRequestBytes + 10}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
    }

    [Fact]
    public async Task GetRuleSet_NamesVersionShaAndNoReloadError()
    {
        var status = JsonNode.Parse(await _client.GetStringAsync("/v1/ruleset"))!;

        Assert.Equal(Shipped.Advisor.RuleSet.Name, (string?)status["name"]);
        Assert.Equal(Shipped.Advisor.RuleSet.Version, (string?)status["version"]);
        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, (string?)status["sha256"]);
        Assert.Equal(Shipped.Advisor.RuleIds.Count, (int)status["rules"]!);
        Assert.Null(status["lastReloadError"]);
    }

    [Fact]
    public async Task GetHealthz_IsOk()
    {
        Assert.Equal("Healthy", await _client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task GetOpenApi_DescribesTheAdviceEndpointWithTheContractSchemas()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        Assert.Equal("3.1.0", root.GetProperty("openapi").GetString());
        Assert.True(root.GetProperty("paths").GetProperty("/v1/advice").TryGetProperty("post", out _));
        var profile = root.GetProperty("components").GetProperty("schemas").GetProperty("RetakeProfile");
        Assert.Equal("failedAttempts", profile.GetProperty("required")[0].GetString());
        Assert.True(root.GetProperty("components").GetProperty("schemas").GetProperty("AdviceReport").GetProperty("properties").TryGetProperty("recommendations", out _));
    }

    [Fact]
    public async Task Server_WatchedFolder_ShowsTheLastReloadError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        await using var app = AdviceServer.Build(advisor, "http://127.0.0.1:0", logging: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        folder.Write("school.json", "{ truncated");
        Assert.Throws<RuleSetException>(advisor.Reload);

        var status = JsonNode.Parse(await client.GetStringAsync("/v1/ruleset"))!;
        using var advice = await client.PostAsync("/v1/advice", new StringContent(Profiles.MinimalJson(), Encoding.UTF8, "application/json"));

        // The folder by its name only: a client learns nothing of where the server keeps its files.
        Assert.StartsWith($"The rule set in {Path.GetFileName(folder.Path)} is not valid (1 error):\n- school.json(1,3):", (string?)status["lastReloadError"]);
        Assert.DoesNotContain(Path.GetDirectoryName(folder.Path)!, (string?)status["lastReloadError"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, advice.StatusCode);
        await app.StopAsync();
    }
}
