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
    public async Task Watch_EditsOnDisk_AreLiveAfterTheQuietPeriodAndBadOnesAreKeptOut()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.DeleteRuleTests();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var quiet = TimeSpan.FromSeconds(2);
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path, watch: true, reloadDelay: quiet), clock);
        var original = advisor.RuleSet.Sha256;

        folder.SetRuleExpression("wellbeing.counseling", "facts.Distres > 1");
        await FakeClockWatch.Until(clock, quiet, () => advisor.LastReloadError is not null, "the bad edit is reported");
        Assert.Contains("Distres", advisor.LastReloadError, StringComparison.Ordinal);
        Assert.Equal(original, advisor.RuleSet.Sha256);

        folder.SetRuleExpression("wellbeing.counseling", "facts.Distress >= counselingDistress + 1");
        await FakeClockWatch.Until(clock, quiet, () => advisor.LastReloadError is null && advisor.RuleSet.Sha256 != original, "the good edit is swapped in");
        Assert.Contains("counselingDistress + 1", advisor.Explain(Profiles.Minimal()).Rules.Single(r => r.Id == "wellbeing.counseling").Expression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FolderDeletedThenMadeAgain_MissingIsReportedThenWhatCameBackIsServed()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.DeleteRuleTests();
        using var copy = TempRuleFolder.CopyOfShippedRules();
        copy.DeleteRuleTests();
        copy.EditJson("ruleset.json", manifest => manifest["version"] = "3.0.0");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var quiet = TimeSpan.FromMilliseconds(500);
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path, watch: true, reloadDelay: quiet), clock);
        var original = advisor.RuleSet.Sha256;

        // A deploy that removes the folder and writes it anew: its file events go with the old folder.
        Directory.Delete(folder.Path, recursive: true);
        await FakeClockWatch.Until(clock, quiet, () => advisor.LastReloadError?.Contains("does not exist", StringComparison.Ordinal) == true, "the missing folder is reported");
        Assert.Equal(original, advisor.RuleSet.Sha256);

        CopyFolder(copy.Path, folder.Path);
        await FakeClockWatch.Until(clock, quiet, () => advisor.RuleSet.Version == "3.0.0" && advisor.LastReloadError is null, "the folder made again is served");

        // And it is watched again: an edit of the new folder is swapped in.
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "3.0.1");
        await FakeClockWatch.Until(clock, quiet, () => advisor.RuleSet.Version == "3.0.1", "an edit of the new folder is swapped in");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task Watch_QuietPeriodNotOver_NothingIsSwappedIn()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.DeleteRuleTests();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path, watch: true, reloadDelay: TimeSpan.FromSeconds(2)), clock);
        var original = advisor.RuleSet.Sha256;

        folder.EditJson("ruleset.json", manifest => manifest["version"] = "9.9.9");
        // However long the file event takes, the clock has not moved: no reload.
        await Task.Delay(500);
        clock.Advance(TimeSpan.FromMilliseconds(1999));

        Assert.Equal(original, advisor.RuleSet.Sha256);
        await FakeClockWatch.Until(clock, TimeSpan.FromSeconds(2), () => advisor.RuleSet.Version == "9.9.9", "the edit is swapped in once the clock passes the quiet period");
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
        // Both versions as the loop below writes them (an edit rewrites the file, so its bytes, and the sha256,
        // are the edit's, not the shipped file's).
        folder.SetRuleExpression("resilience.self-care", "true");
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "1.0.0");
        advisor.Reload();
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
        var compared = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested || count == 0)
            {
                var report = advisor.Advise(profile);
                // Every report is one of the two versions, whole: a report of any other sha256 is a torn rule set.
                Assert.True(expected.TryGetValue(report.RuleSet.Sha256, out var json), $"a report from an unknown rule set {report.RuleSet.Sha256}");
                Assert.Equal(json, RetakeAdviceJson.WriteReport(report));
                compared.AddOrUpdate(report.RuleSet.Sha256, 1, (_, n) => n + 1);
                count++;
            }

            return count;
        })).ToArray();

        await reloader;
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, c => Assert.True(c > 0));
        Assert.Equal(counts.Sum(), compared.Values.Sum()); // every report was compared
    }
}
