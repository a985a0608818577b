using System.Text.Json;
using Json.Schema;
using RetakeAdvice.Json;

namespace RetakeAdvice.Tests.Schemas;

/// <summary>
/// The schemas under rules/schemas: the profile and report schemas are generated from the types and must match
/// the committed files (set RETAKE_UPDATE_SCHEMAS=1 to rewrite them); every shipped file validates against its
/// schema; the samples and the reports they produce validate too.
/// </summary>
public sealed class SchemaTests
{
    private static readonly string SchemaFolder = Path.Combine(RepoPaths.Rules, "schemas");

    private static readonly Lazy<BuildOptions> Build = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var file in Directory.EnumerateFiles(SchemaFolder, "*.schema.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            JsonSchema.Build(document.RootElement.Clone(), options, new Uri(file));
        }

        return options;
    });

    [Theory]
    [InlineData("profile.schema.json")]
    [InlineData("report.schema.json")]
    public void ContractSchema_MatchesTheTypes(string file)
    {
        var generated = file == "profile.schema.json" ? ContractSchemas.Profile() : ContractSchemas.Report();
        var path = Path.Combine(SchemaFolder, file);
        if (Environment.GetEnvironmentVariable("RETAKE_UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{file} is missing: run the tests with RETAKE_UPDATE_SCHEMAS=1");
        Assert.True(generated == File.ReadAllText(path), $"{file} is out of date with the types: run the tests with RETAKE_UPDATE_SCHEMAS=1");
    }

    public static TheoryData<string, string> ShippedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Rules, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file), Path.GetFileName(file) == "ruleset.json" ? "ruleset.schema.json" : "workflow.schema.json");
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Rules, "tests"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file), "rule-tests.schema.json");
        }

        foreach (var file in Directory.EnumerateFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file), "profile.schema.json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedFile_ValidatesAgainstItsSchema(string file, string schema)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, file)));

        var result = Evaluate(schema, document.RootElement);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void ShippedFiles_PointAtTheirSchemas()
    {
        foreach (var (file, schema) in ShippedFiles().Select(row => ((string)row[0], (string)row[1])).Where(r => r.Item1.StartsWith("rules", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, file)));
            var pointer = document.RootElement.GetProperty("$schema").GetString()!;
            Assert.Equal(schema, Path.GetFileName(pointer));
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Path.Combine(RepoPaths.Root, file))!, pointer)), $"{file}: {pointer} does not exist");
        }
    }

    [Fact]
    public void Reports_ValidateAgainstTheReportSchema()
    {
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules));
        foreach (var sample in Directory.EnumerateFiles(RepoPaths.Samples, "*.json"))
        {
            var report = advisor.Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(sample)));
            using var document = JsonDocument.Parse(RetakeAdviceJson.WriteReport(report));

            var result = Evaluate("report.schema.json", document.RootElement);

            Assert.True(result.IsValid, sample + ": " + Describe(result));
        }
    }

    [Theory]
    [InlineData("ruleset.schema.json", "{ \"name\": \"x\" }")]
    [InlineData("workflow.schema.json", "{ \"WorkflowName\": \"w\", \"Rules\": [ { \"RuleName\": \"r\", \"Expression\": \"true\", \"Properties\": { \"step\": \"8\", \"category\": \"c\", \"indicator\": \"info\", \"priority\": 1, \"summary\": \"s\" } } ] }")]
    [InlineData("workflow.schema.json", "{ \"WorkflowName\": \"w\", \"Rules\": [ { \"RuleName\": \"r\", \"Expression\": \"true\", \"Properties\": { \"readiness\": \"ready\", \"summary\": \"s\" } } ] }")]
    [InlineData("workflow.schema.json", "{ \"WorkflowName\": \"w\", \"Rules\": [ { \"RuleName\": \"r\", \"Expression\": \"true\", \"Properties\": { \"readiness\": \"maybe\" } } ] }")]
    [InlineData("ruleset.schema.json", "{ \"name\": \"x\", \"version\": \"1\", \"failureBands\": [ { \"name\": \"near\", \"pointsBelowPassing\": { \"upTo\": 10 } } ] }")]
    [InlineData("workflow.schema.json", "{ \"WorkflowName\": \"w\", \"Rules\": [ { \"RuleName\": \"r\", \"Expression\": \"true\", \"Properties\": { \"step\": 1, \"category\": \"c\", \"indicator\": \"urgent\", \"priority\": 1, \"summary\": \"s\" } } ] }")]
    [InlineData("profile.schema.json", "{ \"failedAttempts\": [], \"wellbeing\": { \"distress\": 11 } }")]
    [InlineData("profile.schema.json", "{ \"failedAttempts\": [ { \"date\": \"2026-01-01\" } ], \"unknownField\": 1 }")]
    [InlineData("profile.schema.json", "{ \"failedAttempts\": [ { \"date\": \"2026-01-01\", \"scor\": 180 } ] }")]
    [InlineData("profile.schema.json", "{ \"failedAttempts\": [ { \"score\": 180 } ] }")]
    [InlineData("profile.schema.json", "{ \"topics\": [] }")]
    public void Schema_BrokenFile_IsInvalid(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(Evaluate(schema, document.RootElement).IsValid);
    }

    private static EvaluationResults Evaluate(string schema, JsonElement instance)
    {
        var built = Build.Value.SchemaRegistry.Get(new Uri(Path.Combine(SchemaFolder, schema)))!;
        return ((JsonSchema)built).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
