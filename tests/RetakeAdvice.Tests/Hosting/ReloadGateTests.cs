using Microsoft.Extensions.Time.Testing;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// A reload must pass the folder's own JSON rule tests before it is swapped in, and whatever a reload throws is a
/// refused reload, reported from the same snapshot as the rule set still served.
/// </summary>
public sealed class ReloadGateTests
{
    [Fact]
    public void Reload_EditTheFoldersOwnTestsCatch_IsRefusedNamingTheTests()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var served = advisor.RuleSet;
        folder.SetRuleExpression("resilience.self-care", "false"); // loads; the tests say self-care always shows

        var error = Assert.Throws<RuleSetException>(advisor.Reload);

        Assert.Contains(error.Errors, e => e.File == "tests/resilience.json" && e.Message.StartsWith("test 'self-care always' fails on the rules in the folder: missing: resilience.self-care", StringComparison.Ordinal));
        Assert.Equal(served, advisor.RuleSet);
        Assert.Contains(advisor.Advise(Profiles.Minimal()).Recommendations, r => r.Id == "resilience.self-care");
        var status = advisor.Status;
        Assert.Equal((served, error.Message), (status.RuleSet, status.LastReloadError));
        Assert.Equal(error.Errors, status.LastReloadErrors);
    }

    [Fact]
    public void Start_WatchedFolderItsOwnTestsReject_DoesNotStart_AsAReloadWouldBeRefused()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("resilience.self-care", "false");

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path, watch: true)));

        Assert.Contains(error.Errors, e => e.File == "tests/resilience.json" && e.Message.StartsWith("test 'self-care always' fails", StringComparison.Ordinal));
        // Not watched, the folder loads as it is (retake-advice test runs its tests).
        using var unwatched = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        Assert.DoesNotContain(unwatched.Advise(Profiles.Minimal()).Recommendations, r => r.Id == "resilience.self-care");
    }

    [Fact]
    public void Reload_RuleThatThrowsOnATestProfile_IsRefusedNamingTheRule()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var served = advisor.RuleSet;
        folder.SetRuleExpression("school.contact-now", "facts.LatestPracticeExam.Score > 1"); // null without a practice exam

        var error = Assert.Throws<RuleSetException>(advisor.Reload);

        var thrown = Assert.Single(error.Errors.Where(e => e.Rule == "school.contact-now").Take(1));
        Assert.Equal("school.json", thrown.File); // where the fix goes, not the test file
        Assert.Matches(@"^school\.json: rule 'school\.contact-now': threw while evaluating its Expression on test '[^']+' \(tests/[a-z-]+\.json\): NullReferenceException: ", thrown.ToString());
        Assert.Equal(served, advisor.RuleSet);
        Assert.Equal(error.Message, advisor.Status.LastReloadError);
    }

    [Fact]
    public void Reload_BrokenTestFile_IsRefused()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        File.WriteAllText(Path.Combine(folder.Path, "tests", "resilience.json"), "{ not json");

        var error = Assert.Throws<RuleSetException>(advisor.Reload);

        Assert.Contains(error.Errors, e => e.File == "tests/resilience.json");
    }

    [Fact]
    public async Task Watch_ConfigMapStyleSymlinkSwap_Reloads()
    {
        // A Kubernetes ConfigMap volume: the files are links into ..data, itself a link to a timestamped folder;
        // an update writes a new folder and renames a new link over ..data. No *.json entry of the folder changes.
        var mount = Directory.CreateTempSubdirectory("retake-configmap-").FullName;
        try
        {
            var v1 = CopyRulesTo(Path.Combine(mount, "..2026_11_30_v1"), version: "1.0.0");
            var v2 = CopyRulesTo(Path.Combine(mount, "..2026_11_30_v2"), version: "2.0.0");
            Directory.CreateSymbolicLink(Path.Combine(mount, "..data"), Path.GetFileName(v1));
            foreach (var entry in Directory.EnumerateFileSystemEntries(v1))
            {
                var name = Path.GetFileName(entry);
                var link = Path.Combine(mount, name);
                if (Directory.Exists(entry))
                {
                    Directory.CreateSymbolicLink(link, Path.Combine("..data", name));
                }
                else
                {
                    File.CreateSymbolicLink(link, Path.Combine("..data", name));
                }
            }

            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(mount, watch: true, reloadDelay: TimeSpan.FromMilliseconds(500)), clock);
            Assert.Equal("1.0.0", advisor.RuleSet.Version);

            Directory.CreateSymbolicLink(Path.Combine(mount, "..data_tmp"), Path.GetFileName(v2));
            Rename(Path.Combine(mount, "..data_tmp"), Path.Combine(mount, "..data"));

            // The file event arrives on its own; the quiet period is the fake clock's.
            await FakeClockWatch.Until(clock, TimeSpan.FromMilliseconds(500), () => advisor.RuleSet.Version == "2.0.0", "the swapped link reloads");
            Assert.Null(advisor.LastReloadError);
        }
        finally
        {
            Directory.Delete(mount, recursive: true);
        }
    }

    private static string CopyRulesTo(string target, string version)
    {
        using var source = TempRuleFolder.CopyOfShippedRules();
        source.EditJson("ruleset.json", manifest => manifest["version"] = version);
        foreach (var file in Directory.EnumerateFiles(source.Path, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    // rename(2) of one link over another, as the kubelet does (.NET's moves refuse to replace a directory).
    private static void Rename(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start("mv", ["-T", from, to]);
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }
}

/// <summary>Polling for file systems without events: driven entirely by the fake clock, no wall-clock waits.</summary>
public sealed class PollingTests
{
    [Fact]
    public void Polling_AnEditIsSeenOnTheNextLook_AndReloadedAfterTheQuietPeriod()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = RuleSource.FromDirectory(folder.Path, watch: true, reloadDelay: TimeSpan.FromMilliseconds(500)).WithPolling(TimeSpan.FromSeconds(1));
        using var advisor = RetakeAdvisor.Create(source, clock);
        var before = advisor.RuleSet.Version;

        clock.Advance(TimeSpan.FromSeconds(3)); // looks three times, sees nothing
        var untouched = advisor.RuleSet.Version;
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "2.0.0-polled");
        clock.Advance(TimeSpan.FromSeconds(1)); // the next look sees it and starts the quiet period
        var seenNotYetLoaded = advisor.RuleSet.Version;
        clock.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal((before, before, "2.0.0-polled"), (untouched, seenNotYetLoaded, advisor.RuleSet.Version));
        Assert.Null(advisor.LastReloadError);
    }

    [Fact]
    public void Polling_NeedsAWatchedFolderAndASaneInterval()
    {
        Assert.Throws<InvalidOperationException>(() => RuleSource.Embedded.WithPolling(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RuleSource.FromDirectory("rules", watch: true).WithPolling(TimeSpan.FromMilliseconds(10)));
        var options = new RetakeAdviceOptions { PollingInterval = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<RetakeAdviceOptionsException>(options.Validate);

        Assert.Contains("PollingInterval: needs WatchRulesDirectory", error.Errors);
    }
}
