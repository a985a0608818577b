using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RetakeAdvice.Tests.Json;

/// <summary>Spec section 2 and 5: the report's JSON shape, enum spellings, round trips and the rule set's SHA-256.</summary>
public sealed partial class JsonContractTests
{
    private static readonly string SampleJson = File.ReadAllText(Profiles.SamplePath("near-miss.json"));

    private static AdviceReport SampleReport() => Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(SampleJson));

    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHex64();

    // ---- the report's shape ----

    [Fact]
    public void WriteReport_TopLevel_HasTheSpecsFieldsInOrder()
    {
        using var json = JsonDocument.Parse(RetakeAdviceJson.WriteReport(SampleReport()));
        var root = json.RootElement;

        Assert.Equal(["schemaVersion", "ruleSet", "asOf", "readiness", "estimatedStudyWeeks", "recommendations"], Names(root));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(["name", "version", "sha256"], Names(root.GetProperty("ruleSet")));
        Assert.Equal("2026-11-27", root.GetProperty("asOf").GetString());
        Assert.Equal(["status", "because"], Names(root.GetProperty("readiness")));
        Assert.Equal(["min", "max"], Names(root.GetProperty("estimatedStudyWeeks")));
    }

    [Fact]
    public void WriteReport_Recommendation_HasTheSpecsFieldsInOrder()
    {
        using var json = JsonDocument.Parse(RetakeAdviceJson.WriteReport(SampleReport()));

        var first = json.RootElement.GetProperty("recommendations")[0];

        Assert.Equal(["id", "target", "step", "category", "indicator", "priority", "summary", "detail", "because", "actions", "source"], Names(first));
        Assert.Equal(["kind", "target", "minutes"], Names(first.GetProperty("actions")[0]));
        Assert.Equal(["label", "url"], Names(first.GetProperty("source")));
    }

    [Fact]
    public void WriteReport_SpecExampleCard_ValuesAsInTheSpec()
    {
        using var json = JsonDocument.Parse(RetakeAdviceJson.WriteReport(SampleReport()));
        var root = json.RootElement;

        var gate = root.GetProperty("recommendations")[0];

        Assert.Equal("practice.gate-not-passed", gate.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, gate.GetProperty("target").ValueKind);
        Assert.Equal(4, gate.GetProperty("step").GetInt32());
        Assert.Equal("practice-exams", gate.GetProperty("category").GetString());
        Assert.Equal("critical", gate.GetProperty("indicator").GetString());
        Assert.Equal(94, gate.GetProperty("priority").GetInt32());
        Assert.Equal("postpone-exam", gate.GetProperty("actions")[0].GetProperty("kind").GetString());
        Assert.Equal("Seven practical steps after failing Step 1, step 4", gate.GetProperty("source").GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, gate.GetProperty("source").GetProperty("url").ValueKind);
        Assert.Equal("not-ready", root.GetProperty("readiness").GetProperty("status").GetString());
        Assert.Equal((4, 8), (root.GetProperty("estimatedStudyWeeks").GetProperty("min").GetInt32(), root.GetProperty("estimatedStudyWeeks").GetProperty("max").GetInt32()));
    }

    [Theory]
    [InlineData(AdviceIndicator.Critical, "\"critical\"")]
    [InlineData(AdviceIndicator.Warning, "\"warning\"")]
    [InlineData(AdviceIndicator.Info, "\"info\"")]
    public void Serialize_Indicator_LowercaseString(AdviceIndicator indicator, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(indicator, RetakeAdviceJson.Options));
    }

    [Theory]
    [InlineData(ReadinessStatus.NotReady, "\"not-ready\"")]
    [InlineData(ReadinessStatus.Ready, "\"ready\"")]
    [InlineData(ReadinessStatus.Unknown, "\"unknown\"")]
    public void Serialize_ReadinessStatus_KebabCaseString(ReadinessStatus status, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(status, RetakeAdviceJson.Options));
    }

    [Fact]
    public void WriteReport_LowBand_EstimatedStudyWeeksIsNull()
    {
        var profile = Profiles.Minimal() with { FailedAttempts = [new FailedAttempt { Date = Profiles.FailureDate, PointsBelowPassing = 25 }] };

        using var json = JsonDocument.Parse(RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile)));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("estimatedStudyWeeks").ValueKind);
    }

    [Fact]
    public void WriteReport_HtmlSafe_AProfilesMarkupCannotEndAScriptElement()
    {
        const string Topic = "</script><img src=x onerror=alert(1)>&'\"";
        var profile = Profiles.Minimal() with { Topics = [new TopicResult { Name = Topic, Seen = 10, Incorrect = 5 }] };

        var json = RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile));

        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.DoesNotContain(">", json, StringComparison.Ordinal);
        Assert.DoesNotContain("&", json, StringComparison.Ordinal);
        Assert.DoesNotContain("'", json, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", json, StringComparison.Ordinal);
        Assert.Contains(JsonSerializer.Deserialize<AdviceReport>(json, RetakeAdviceJson.Options)!.Recommendations, r => r.Target == Topic);
    }

    [Fact]
    public void WriteReport_LettersOfEveryScript_StayReadable()
    {
        var profile = Profiles.Minimal() with { Topics = [new TopicResult { Name = "Müller-Zellen ж 中", Seen = 10, Incorrect = 5 }] };

        var json = RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile));

        Assert.Contains("Müller-Zellen ж 中", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReport_SameAsSerializeWithOptions()
    {
        var report = SampleReport();

        Assert.Equal(JsonSerializer.Serialize(report, RetakeAdviceJson.Options), RetakeAdviceJson.WriteReport(report));
    }

    [Fact]
    public void WriteReportCompact_EverySample_OneLineSameValueAndEscapingAsIndented()
    {
        const string Topic = "</script><img src=x onerror=alert(1)>&'\"";
        var reports = Directory.EnumerateFiles(RepoPaths.Samples, "*.json")
            .Select(path => Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(path))))
            .Append(Shipped.Advisor.Advise(Profiles.Minimal() with { Topics = [new TopicResult { Name = Topic, Seen = 10, Incorrect = 5 }] }))
            .ToArray();

        foreach (var report in reports)
        {
            var indented = RetakeAdviceJson.WriteReport(report);
            var compact = Reports.Compact(report);

            Assert.DoesNotContain('\n', compact);
            Assert.True(compact.Length < indented.Length);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(indented), JsonNode.Parse(compact)));
            // Every string escaped alike: only the whitespace between tokens differs.
            Assert.Equal(Unspaced(indented), Unspaced(compact));
        }

        Assert.Contains("\\u003C/script\\u003E", Reports.Compact(reports[^1]), StringComparison.Ordinal);

        // The document's tokens as written, escapes and all, without the whitespace between them.
        static string Unspaced(string json)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            var reader = new Utf8JsonReader(bytes);
            var tokens = new System.Text.StringBuilder();
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                var quoted = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName;
                var length = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.EndObject or JsonTokenType.StartArray or JsonTokenType.EndArray
                    ? 1
                    : reader.ValueSpan.Length + (quoted ? 2 : 0);
                tokens.Append(System.Text.Encoding.UTF8.GetString(bytes, start, length));
            }

            return tokens.ToString();
        }
    }

    // ---- round trips ----

    [Fact]
    public void Report_ThroughOptions_RoundTrips()
    {
        var written = RetakeAdviceJson.WriteReport(SampleReport());

        var read = JsonSerializer.Deserialize<AdviceReport>(written, RetakeAdviceJson.Options)!;

        Assert.Equal(written, RetakeAdviceJson.WriteReport(read));
        Assert.Equal(AdviceIndicator.Critical, read.Recommendations[0].Indicator);
        Assert.Equal(ReadinessStatus.NotReady, read.Readiness.Status);
    }

    [Fact]
    public void Profile_ThroughOptions_RoundTrips()
    {
        var profile = RetakeAdviceJson.ReadProfile(SampleJson);
        var written = JsonSerializer.Serialize(profile, RetakeAdviceJson.Options);

        var read = JsonSerializer.Deserialize<RetakeProfile>(written, RetakeAdviceJson.Options)!;

        Assert.Equal(written, JsonSerializer.Serialize(read, RetakeAdviceJson.Options));
        Assert.Equal(profile.AsOf, read.AsOf);
        Assert.Equal(profile.PracticeExams![0], read.PracticeExams![0]);
    }

    public static TheoryData<string, string> ProfileDocuments()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Profiles.SampleFiles())
        {
            data.Add($"samples/{Path.GetFileName(file)}", File.ReadAllText(file));
        }

        // The rule test cases' profiles are more samples of valid input.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Rules, "tests"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var index = 0;
            foreach (var testCase in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add($"rules/tests/{Path.GetFileName(file)}#{index++}", testCase.GetProperty("profile").GetRawText());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProfileDocuments))]
    public void Deserialize_WithOptions_EqualsReadProfile(string name, string json)
    {
        var viaSerializer = JsonSerializer.Deserialize<RetakeProfile>(json, RetakeAdviceJson.Options);
        var viaReader = RetakeAdviceJson.ReadProfile(json);

        Assert.NotNull(viaSerializer);
        Assert.True(
            JsonSerializer.Serialize(viaReader, RetakeAdviceJson.Options) == JsonSerializer.Serialize(viaSerializer, RetakeAdviceJson.Options),
            $"{name}: the serializer and ReadProfile read different profiles");
    }

    [Fact]
    public void Deserialize_WithOptions_ReportsEveryProblemAsReadProfileDoes()
    {
        const string Json = """{"failedAttempts":[],"nickname":"x","wellbeing":{"distress":"high"}}""";

        var viaSerializer = Assert.Throws<ProfileValidationException>(() => JsonSerializer.Deserialize<RetakeProfile>(Json, RetakeAdviceJson.Options));
        var viaReader = Assert.Throws<ProfileValidationException>(() => RetakeAdviceJson.ReadProfile(Json));

        Assert.Equal(viaReader.Errors, viaSerializer.Errors);
        Assert.Equal(["$.nickname", "$.wellbeing.distress", "$.failedAttempts"], viaSerializer.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Deserialize_WithOptions_MalformedJson_IsStillAJsonException()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RetakeProfile>("""{"failedAttempts":[""", RetakeAdviceJson.Options));
    }

    [Fact]
    public void Options_AreReadOnly()
    {
        Assert.True(RetakeAdviceJson.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => RetakeAdviceJson.Options.WriteIndented = false);
    }

    // ---- the rule set's SHA-256 ----

    [Fact]
    public void RuleSet_Sha256_Is64LowercaseHex()
    {
        var sha = Shipped.Advisor.RuleSet.Sha256;

        Assert.Matches(LowerHex64(), sha);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, "ruleset.json")));
        Assert.Equal(
            (manifest.RootElement.GetProperty("name").GetString(), manifest.RootElement.GetProperty("version").GetString()),
            (Shipped.Advisor.RuleSet.Name, Shipped.Advisor.RuleSet.Version));
    }

    [Fact]
    public void RuleSet_Sha256_SameForAnUnchangedCopy()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();

        var sha = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).RuleSet.Sha256;

        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, sha);
    }

    [Fact]
    public void RuleSet_Sha256_ChangesWhenARuleFileChanges()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["priority"] = 91);

        var sha = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).RuleSet.Sha256;

        Assert.Matches(LowerHex64(), sha);
        Assert.NotEqual(Shipped.Advisor.RuleSet.Sha256, sha);
    }

    [Fact]
    public void RuleSet_Sha256_ChangesWhenOnlyWhitespaceOfARuleFileChanges()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("school.json", folder.Read("school.json") + "\n");

        var sha = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).RuleSet.Sha256;

        Assert.NotEqual(Shipped.Advisor.RuleSet.Sha256, sha);
    }

    [Fact]
    public void RuleSet_Sha256_ChangesWhenTheManifestChanges()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "0.1.1");

        var info = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).RuleSet;

        Assert.Equal("0.1.1", info.Version);
        Assert.NotEqual(Shipped.Advisor.RuleSet.Sha256, info.Sha256);
    }

    [Fact]
    public void RuleSet_Sha256_ChangesWhenARuleFileIsAdded()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        File.Copy(folder.FilePath("school.json"), folder.FilePath("zz-copy.json"));
        folder.EditJson("zz-copy.json", root =>
        {
            root["WorkflowName"] = "copy";
            var rules = root["Rules"]!.AsArray();
            while (rules.Count > 1)
            {
                rules.RemoveAt(rules.Count - 1);
            }

            rules[0]!["RuleName"] = "copy.contact-now";
        });

        var sha = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).RuleSet.Sha256;

        Assert.NotEqual(Shipped.Advisor.RuleSet.Sha256, sha);
    }

    [Fact]
    public void RuleSet_Sha256_UnchangedWhenATestFileChanges()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("tests/school.json", tests => tests["description"] = "edited");

        var sha = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).RuleSet.Sha256;

        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, sha);
    }

    [Fact]
    public void Report_RuleSet_IsTheAdvisorsRuleSet()
    {
        var report = SampleReport();

        Assert.Equal(Shipped.Advisor.RuleSet, report.RuleSet);
    }
}
