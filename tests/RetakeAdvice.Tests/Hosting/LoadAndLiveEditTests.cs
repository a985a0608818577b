using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>serve under sustained concurrent load, and a watched rule folder edited while requests flow.</summary>
public sealed class LoadAndLiveEditTests
{
    private static readonly string[] Profiles =
        [.. Directory.EnumerateFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    [Fact]
    public async Task Serve_ThousandsOfConcurrentRequests_EveryAnswerEqualsTheSequentialOne()
    {
        var expected = Profiles.Select(Reports.ShippedHttpAnswer).ToArray();
        await using var app = AdviceServer.Build(Shipped.Advisor, "http://127.0.0.1:0", logging: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        const int Clients = 16;
        const int RequestsPerClient = 150;
        var mismatches = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var r = 0; r < RequestsPerClient; r++)
            {
                var i = (c * RequestsPerClient + r) % Profiles.Length;
                using var response = await client.PostAsync("/v1/advice", new StringContent(Profiles[i], Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || body != expected[i])
                {
                    mismatches.Add($"client {c} request {r}: {(int)response.StatusCode}");
                }
            }
        })));
        await app.StopAsync();

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Watch_BadEditsThenAGoodOne_LastGoodSetServesThroughoutAndNoRequestIsLost()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var profile = Profiles[0];
        var original = folder.Read("school.json");
        var goodEdit = original.Replace("\"priority\": 90", "\"priority\": 91", StringComparison.Ordinal);
        var lastEdit = original.Replace("\"priority\": 90", "\"priority\": 92", StringComparison.Ordinal);
        Assert.NotEqual(original, goodEdit);

        // The reports each good version must give, by the sha256 a report names. All are worked out before the
        // watched folder is touched (the edits on private copies): the watcher swaps a version in ReloadDelay after
        // its write, so an expectation computed after that write could come too late for the requests in flight.
        var expected = new Dictionary<string, string>();
        string Expect(string directory)
        {
            var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(directory));
            expected.Add(advisor.RuleSet.Sha256, Reports.Compact(advisor.Advise(RetakeAdviceJson.ReadProfile(profile))));
            return advisor.RuleSet.Sha256;
        }

        string Preview(string schoolJson)
        {
            using var preview = TempRuleFolder.CopyOfShippedRules();
            preview.Write("school.json", schoolJson);
            return Expect(preview.Path);
        }

        var firstSha = Expect(folder.Path);
        var goodSha = Preview(goodEdit);
        var lastSha = Preview(lastEdit);
        // The quiet period runs on a fake clock: a reload happens when the test moves the clock, not when a busy
        // machine gets round to a timer.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var quiet = TimeSpan.FromSeconds(1);
        using var watched = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path, watch: true, reloadDelay: quiet), clock);
        await using var app = AdviceServer.Build(watched, "http://127.0.0.1:0", logging: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentBag<string>();
        var answered = 0;
        var answeredBy = new ConcurrentDictionary<string, int>();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.PostAsync("/v1/advice", new StringContent(profile, Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadAsStringAsync();
                var sha = response.StatusCode == HttpStatusCode.OK ? (string?)JsonNode.Parse(body)!["ruleSet"]!["sha256"] : null;
                if (sha is null || !expected.TryGetValue(sha, out var json) || json != body)
                {
                    failures.Add($"{(int)response.StatusCode} {sha}");
                }
                else
                {
                    answeredBy.AddOrUpdate(sha, 1, (_, n) => n + 1);
                }

                Interlocked.Increment(ref answered);
            }
        })).ToArray();

        async Task<JsonNode> Status() => JsonNode.Parse(await client.GetStringAsync("/v1/ruleset"))!;
        Task WaitFor(Func<JsonNode, bool> condition, string what) =>
            FakeClockWatch.Until(clock, quiet, async () => condition(await Status()), what);
        Task Served(string sha, string what) =>
            FakeClockWatch.Until(clock, quiet, () => answeredBy.GetValueOrDefault(sha) > 0, what);

        await Served(firstSha, "the first set answers");

        // An invalid edit, a truncated file, a deleted workflow file, a deleted manifest: each is refused and
        // reported; the first set serves on.
        folder.SetRuleExpression("school.contact-now", "facts.SchoolContacte == false");
        await WaitFor(s => ((string?)s["lastReloadError"])?.Contains("SchoolContacte", StringComparison.Ordinal) == true, "the invalid edit is reported");
        folder.Write("school.json", original[..(original.Length / 2)]);
        await WaitFor(s => ((string?)s["lastReloadError"])?.Contains("school.json(", StringComparison.Ordinal) == true, "the truncated file is reported");
        folder.Write("school.json", original);
        var topics = folder.Read("topics.json");
        folder.Delete("topics.json");
        await WaitFor(s => ((string?)s["lastReloadError"])?.Contains("topics.json: was deleted", StringComparison.Ordinal) == true, "the deleted workflow file is reported");
        folder.Write("topics.json", topics);
        var manifest = folder.Read("ruleset.json");
        folder.Delete("ruleset.json");
        await WaitFor(s => ((string?)s["lastReloadError"])?.Contains("the manifest is missing", StringComparison.Ordinal) == true, "the deleted manifest is reported");
        Assert.Equal(firstSha, (string?)(await Status())["sha256"]);

        // Recovery, then a burst of rapid edits that ends on a good one.
        folder.Write("ruleset.json", manifest);
        folder.Write("school.json", goodEdit);
        await WaitFor(s => (string?)s["sha256"] == goodSha && s["lastReloadError"] is null, "the good edit is swapped in");
        await Served(goodSha, "the good edit answers");
        for (var i = 0; i < 20; i++)
        {
            // The clock stands still: however the events come, the burst is one quiet period.
            folder.Write("school.json", i % 2 == 0 ? "{ \"broken\": " : original);
            await Task.Delay(10);
        }

        // The burst ends on a third good version, so the wait sees the burst's own last edit swapped in.
        folder.Write("school.json", lastEdit);
        await WaitFor(s => (string?)s["sha256"] == lastSha && s["lastReloadError"] is null, "the burst settles on its last, good, edit");
        await Served(lastSha, "the last edit answers");

        stop.Cancel();
        await Task.WhenAll(load);
        await app.StopAsync();
        Assert.Empty(failures);
        Assert.Equal(answered, answeredBy.Values.Sum()); // every answer was compared with its version's
        Assert.Equal(new[] { firstSha, goodSha, lastSha }.Order(StringComparer.Ordinal), answeredBy.Keys.Order(StringComparer.Ordinal)); // each version answered
    }
}
