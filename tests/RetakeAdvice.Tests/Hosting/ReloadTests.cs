using RetakeAdvice.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace RetakeAdvice.Tests.Hosting;

public sealed class ReloadTests
{
    [Fact]
    public void Reload_ValidEdit_SwapsInTheNewRuleSet()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.DeleteRuleTests();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var before = advisor.RuleSet;
        folder.SetRuleExpression("resilience.self-care", "false");

        advisor.Reload();

        Assert.NotEqual(before.Sha256, advisor.RuleSet.Sha256);
        Assert.Null(advisor.LastReloadError);
        Assert.DoesNotContain(advisor.Advise(Profiles.Minimal()).Recommendations, r => r.Id == "resilience.self-care");
    }

    [Fact]
    public void Reload_InvalidEdit_KeepsTheLastGoodRuleSetAndReportsTheError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var before = advisor.RuleSet;
        folder.SetRuleExpression("wellbeing.counseling", "facts.Distres > 1");

        var error = Assert.Throws<RuleSetException>(advisor.Reload);

        Assert.Equal(before, advisor.RuleSet);
        Assert.Equal(error.Message, advisor.LastReloadError);
        Assert.Contains(advisor.Advise(Profiles.Minimal()).Recommendations, r => r.Id == "resilience.self-care");
    }

    [Fact]
    public void Reload_GoodEditAfterABadOne_ClearsTheError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        folder.Write("school.json", "{ \"WorkflowName\": ");
        Assert.Throws<RuleSetException>(advisor.Reload);
        Assert.NotNull(advisor.LastReloadError);
        folder.Write("school.json", File.ReadAllText(Path.Combine(RepoPaths.Rules, "school.json")));

        advisor.Reload();

        Assert.Null(advisor.LastReloadError);
    }

    [Fact]
    public void Reload_WorkflowFileDeleted_KeepsTheLastGoodRuleSetAndSaysSo()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var before = advisor.RuleSet;
        folder.Delete("topics.json");

        var error = Assert.Throws<RuleSetException>(advisor.Reload);

        Assert.Equal(before, advisor.RuleSet);
        Assert.StartsWith("topics.json: was deleted; a running host keeps its last good rule set", Assert.Single(error.Errors).ToString());
        Assert.Contains(advisor.RuleIds, id => id == "topics.focus");
    }

    [Fact]
    public void Reload_EmbeddedRuleSet_DoesNothing()
    {
        using var advisor = RetakeAdvisor.Create();
        var before = advisor.RuleSet;

        advisor.Reload();

        Assert.Same(before, advisor.RuleSet);
    }

    [Fact]
    public async Task Watch_EditsOnDisk_AreLiveWithinFiveSecondsAndBadOnesAreKeptOut()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.DeleteRuleTests();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path, watch: true, reloadDelay: TimeSpan.FromMilliseconds(200)));
        var original = advisor.RuleSet.Sha256;

        folder.SetRuleExpression("wellbeing.counseling", "facts.Distres > 1");
        Assert.True(await Eventually(() => advisor.LastReloadError is not null), "the bad edit was not reported");
        Assert.Equal(original, advisor.RuleSet.Sha256);

        folder.SetRuleExpression("wellbeing.counseling", "facts.Distress >= counselingDistress + 1");
        Assert.True(await Eventually(() => advisor.LastReloadError is null && advisor.RuleSet.Sha256 != original), "the good edit was not swapped in");
    }

    [Fact]
    public void Watcher_BurstOfChanges_ReloadsOnceAfterTheQuietPeriod()
    {
        var clock = new FakeTimeProvider();
        var directory = Directory.CreateTempSubdirectory("retake-watch-").FullName;
        var reloads = 0;
        using (var watcher = new RuleFolderWatcher(directory, TimeSpan.FromMilliseconds(500), clock, () => Interlocked.Increment(ref reloads), _ => { }))
        {
            for (var i = 0; i < 5; i++)
            {
                watcher.Changed();
                clock.Advance(TimeSpan.FromMilliseconds(400));
            }

            Assert.Equal(0, reloads);
            clock.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(1, reloads);
            clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(1, reloads);
        }

        Directory.Delete(directory);
    }

    [Fact]
    public async Task Reload_WhileManyThreadsAdvise_EveryReportComesFromOneWholeRuleSet()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.DeleteRuleTests();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var profile = Profiles.Minimal();
        var a = advisor.Advise(profile);
        folder.SetRuleExpression("resilience.self-care", "false");
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "2.0.0");
        advisor.Reload();
        var b = advisor.Advise(profile);
        folder.SetRuleExpression("resilience.self-care", "true");
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "1.0.0");
        var expected = new Dictionary<string, string>
        {
            [a.RuleSet.Sha256] = RetakeAdviceJson.WriteReport(a),
            [b.RuleSet.Sha256] = RetakeAdviceJson.WriteReport(b),
        };
        using var stop = new CancellationTokenSource();

        var reloader = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                folder.SetRuleExpression("resilience.self-care", i % 2 == 0 ? "true" : "false");
                folder.EditJson("ruleset.json", manifest => manifest["version"] = i % 2 == 0 ? "1.0.0" : "2.0.0");
                advisor.Reload();
            }

            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested || count == 0)
            {
                var report = advisor.Advise(profile);
                if (expected.TryGetValue(report.RuleSet.Sha256, out var json))
                {
                    Assert.Equal(json, RetakeAdviceJson.WriteReport(report));
                }

                count++;
            }

            return count;
        })).ToArray();

        await reloader;
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, c => Assert.True(c > 0));
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }
}
