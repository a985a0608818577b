using System.Text.Json.Nodes;
using static RetakeAdvice.Tests.TestSupport.CliRun;

namespace RetakeAdvice.Tests.Cli;

/// <summary><c>diff OLD NEW PROFILES</c>: what a rule change does to the advice real profiles get; exit 0 for none, 1 for some.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly TempRuleFolder _changed = TempRuleFolder.CopyOfShippedRules();

    public void Dispose() => _changed.Dispose();

    [Fact]
    public async Task NothingChanged_Exit0()
    {
        var (exit, output, _) = await RunAsync("diff", RepoPaths.Rules, _changed.Path, RepoPaths.Samples);

        Assert.Equal(0, exit);
        Assert.EndsWith($"0 of {Directory.GetFiles(RepoPaths.Samples, "*.json").Length} profiles affected\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThresholdMoved_Exit1_NamesTheProfilesAndTheRule()
    {
        _changed.Replace("wellbeing.json", "\"Name\": \"counselingDistress\",\n      \"Expression\": \"7\"", "\"Name\": \"counselingDistress\",\n      \"Expression\": \"5\"");
        var expected = Directory.GetFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal)
            .Where(file => RetakeAdviceJson.ReadProfile(File.ReadAllText(file)).Wellbeing?.Distress is 5 or 6)
            .Select(Path.GetFileName)
            .ToArray();
        Assert.NotEmpty(expected);

        var (exit, output, _) = await RunAsync("diff", RepoPaths.Rules, _changed.Path, RepoPaths.Samples, "--format", "json");

        Assert.Equal(1, exit);
        var json = JsonNode.Parse(output)!;
        var changes = json["changes"]!.AsArray();
        var added = changes.Where(c => c!["added"]!.AsArray().Count > 0).ToArray();
        Assert.Equal(expected, added.Select(c => (string?)c!["profile"]));
        Assert.All(added, c => Assert.Equal("wellbeing.counseling", (string?)c!["added"]![0]!["id"]));
        // The card's reason quotes the threshold, so the profiles that had the card already read another reason.
        var reworded = changes.Except(added).ToArray();
        Assert.NotEmpty(reworded);
        Assert.All(reworded, c => Assert.Equal("""[{"id":"wellbeing.counseling","target":null,"parts":["because"]}]""", c!["contentChanged"]!.ToJsonString()));
        Assert.Equal(changes.Count, (int)json["summary"]!["affected"]!);
        Assert.Equal(changes.Count, (int)json["summary"]!["byRule"]!["wellbeing.counseling"]!);
        // Which two rule sets were compared, for a CI log: the edit changes the sha256, not the name.
        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, (string?)json["old"]!["sha256"]);
        Assert.NotEqual((string?)json["old"]!["sha256"], (string?)json["new"]!["sha256"]);
        Assert.Equal((string?)json["old"]!["name"], (string?)json["new"]!["name"]);
    }

    [Fact]
    public async Task IndicatorChanged_ShownWithItsCard()
    {
        _changed.EditFirstCard("resilience.json", card => card["indicator"] = "critical"); // resilience.burnout-risk
        var ndjson = Path.Combine(_changed.Path, "profiles.ndjson");
        await File.WriteAllTextAsync(ndjson, """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}],"studyHoursPerDay":13,"restDaysPerWeek":0}""" + "\n");

        var (exit, output, _) = await RunAsync("diff", RepoPaths.Rules, _changed.Path, ndjson);

        Assert.Equal(1, exit);
        Assert.Contains("line 1\n", output, StringComparison.Ordinal);
        Assert.Contains("  ! resilience.burnout-risk: warning -> critical\n", output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 profiles affected; by rule: resilience.burnout-risk (1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordingChanged_Exit1_NamesTheCardAndItsPart()
    {
        // A refactor that only rewords a text still changes what a student reads: it must not pass as "no change".
        _changed.Replace("resilience.json", "Look after yourself every day:", "Look after yourself each day:");
        var samples = Directory.GetFiles(RepoPaths.Samples, "*.json");
        var expected = samples.Count(file => Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(file))).Recommendations.Any(r => r.Id == "resilience.self-care"));
        Assert.True(expected > 0);

        var (exit, output, _) = await RunAsync("diff", RepoPaths.Rules, _changed.Path, RepoPaths.Samples);

        Assert.Equal(1, exit);
        Assert.Contains("  * resilience.self-care: summary changed\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  + ", output, StringComparison.Ordinal);
        Assert.Contains($"{expected} of {samples.Length} profiles affected; by rule: resilience.self-care ({expected})", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessReasonReworded_AndCardParts_InJson()
    {
        _changed.Replace("readiness.json", "\\\"below\\\"} the pass line", "\\\"below\\\"} the passing line");
        _changed.Replace("resilience.json", "Look after yourself every day:", "Look after yourself each day:");
        var reworded = Directory.GetFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal)
            .Where(file => Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(file))).Readiness.Because.Any(b => b.Contains("below the pass line", StringComparison.Ordinal)))
            .Select(Path.GetFileName)
            .ToArray();
        Assert.NotEmpty(reworded);

        var (exit, output, _) = await RunAsync("diff", RepoPaths.Rules, _changed.Path, RepoPaths.Samples, "--format", "json");

        Assert.Equal(1, exit);
        var changes = JsonNode.Parse(output)!["changes"]!.AsArray();
        Assert.Equal(reworded, changes.Where(c => (bool)c!["readinessReasonsChanged"]!).Select(c => (string?)c!["profile"]));
        var card = changes.SelectMany(c => c!["contentChanged"]!.AsArray()).First();
        Assert.Equal("resilience.self-care", (string?)card!["id"]);
        Assert.Equal(["summary"], card["parts"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task PriorityRaised_CardReranked_AmongTheCardsBothGive()
    {
        // Two neighbours of one indicator in near-miss's report: give the second the first one's priority and one more.
        var sample = Profiles.SamplePath("near-miss.json");
        var cards = Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(sample))).Recommendations;
        var at = Enumerable.Range(0, cards.Count - 1).First(i => cards[i].Indicator == cards[i + 1].Indicator && cards[i].Target is null && cards[i + 1].Target is null && cards[i].Priority < 100);
        var (first, second) = (cards[at], cards[at + 1]);
        SetPriority(second.Id, first.Priority + 1);
        var profiles = Directory.CreateTempSubdirectory("retake-diff-").FullName;
        File.Copy(sample, Path.Combine(profiles, "near-miss.json"));

        var (exit, output, _) = await RunAsync("diff", RepoPaths.Rules, _changed.Path, profiles);

        Directory.Delete(profiles, recursive: true);
        Assert.Equal(1, exit);
        Assert.Contains($"  ~ {second.Id}: rank {at + 2} -> {at + 1}\n", output, StringComparison.Ordinal);
        Assert.Contains($"  ~ {first.Id}: rank {at + 1} -> {at + 2}\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  + ", output, StringComparison.Ordinal);
    }

    private void SetPriority(string ruleId, int priority)
    {
        foreach (var file in Directory.EnumerateFiles(_changed.Path, "*.json"))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if ((root["Rules"] as JsonArray)?.FirstOrDefault(r => (string?)r!["RuleName"] == ruleId) is { } rule)
            {
                rule["Properties"]!["priority"] = priority;
                _changed.Write(Path.GetFileName(file), root.ToJsonString());
                return;
            }
        }

        Assert.Fail($"rule {ruleId} not found");
    }

    [Theory]
    [InlineData("rules-missing", "x", "samples")]
    [InlineData("x", "rules-missing", "samples")]
    [InlineData("x", "x", "profiles-missing")]
    public async Task MissingInput_Exit2(string oldDir, string newDir, string profiles)
    {
        string Resolve(string name) => name == "x" ? RepoPaths.Rules : name == "samples" ? RepoPaths.Samples : Path.Combine(Path.GetTempPath(), name + Guid.NewGuid().ToString("N"));

        var (exit, _, error) = await RunAsync("diff", Resolve(oldDir), Resolve(newDir), Resolve(profiles));

        Assert.Equal(2, exit);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
