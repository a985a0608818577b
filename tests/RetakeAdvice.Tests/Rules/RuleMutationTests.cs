using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Rules;

/// <summary>
/// The JSON tests pin every rule: switching any one rule off (its Expression set to "false") must leave the
/// folder valid and make at least one case fail.
/// </summary>
public sealed class RuleMutationTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RetakeAdvisor.FromDirectory(RepoPaths.Rules).Rules.Rules)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void ShippedTests_RuleSwitchedOff_FailACase(string ruleId)
    {
        using var folder = TempRules.CopyOfShipped();
        folder.SetExpression(ruleId, "false");

        var advisor = RetakeAdvisor.FromDirectory(folder.Path);
        var results = RuleTestSuite.Load(folder.Path).RunAll(advisor);

        Assert.Contains(results, r => !r.Passed);
    }

    [Fact]
    public void ShippedRules_CoverTheWholeCatalogue()
    {
        string[] catalogue =
        [
            "school.contact-now", "school.arrange-logistics", "wellbeing.crisis-support", "wellbeing.counseling",
            "wellbeing.find-confidant", "mentors.find-high-scorer", "tactics.change-approach", "practice.take-nbme",
            "practice.gate-not-passed", "practice.no-hail-mary", "practice.ready", "resources.drop", "resources.add-core",
            "resources.overload", "topics.focus", "topics.skip-low-yield", "planning.near-miss", "planning.extended-study",
            "planning.repeat-coursework", "planning.realistic-target", "planning.final-attempt", "planning.no-attempts-left",
            "resilience.burnout-risk", "resilience.self-care",
        ];

        var shipped = RetakeAdvisor.FromDirectory(RepoPaths.Rules).Rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal);

        Assert.Equal(catalogue.Order(StringComparer.Ordinal), shipped);
    }
}

/// <summary>A temporary copy of a rule folder that tests may edit; deleted on dispose.</summary>
internal sealed class TempRules : IDisposable
{
    private TempRules(string path) => Path = path;

    public string Path { get; }

    public static TempRules CopyOfShipped()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "retake-rules-" + Guid.NewGuid().ToString("N"));
        Copy(RepoPaths.Rules, path);
        return new TempRules(path);
    }

    /// <summary>Sets the Expression of the rule with this name, wherever it is.</summary>
    public void SetExpression(string ruleId, string expression)
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*.json"))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!;
            if (root["Rules"] is not JsonArray rules)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                if ((string?)rule!["RuleName"] == ruleId)
                {
                    rule["Expression"] = expression;
                    File.WriteAllText(file, root.ToJsonString());
                    return;
                }
            }
        }

        throw new InvalidOperationException($"rule {ruleId} not found");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
        }
    }
}
