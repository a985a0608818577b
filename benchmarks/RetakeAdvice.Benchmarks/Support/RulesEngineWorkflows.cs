using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RulesEngine.Models;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// A rule folder's workflow files read into RulesEngine's own model, the way a developer using RulesEngine directly
/// reads them: Web casing, string enums. The manifest's shared parameters and conditions become GlobalParams of every
/// workflow (RulesEngine has no manifest). For the oracle test and the RulesEngine anchor of the benchmarks; the
/// library itself never builds these objects.
/// </summary>
public static class RulesEngineWorkflows
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Workflow[] Read(string rulesDirectory)
    {
        var shared = new List<ScopedParam>();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(rulesDirectory, "ruleset.json")))!.AsObject();
        foreach (var key in new[] { "parameters", "conditions" })
        {
            foreach (var entry in manifest[key]?.AsArray() ?? [])
            {
                shared.Add(new ScopedParam { Name = (string)entry!["name"]!, Expression = (string)entry["expression"]! });
            }
        }

        var workflows = new List<Workflow>();
        foreach (var file in Directory.EnumerateFiles(rulesDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "ruleset.json")
            {
                continue;
            }

            var workflow = JsonSerializer.Deserialize<Workflow>(File.ReadAllText(file), Options)!;
            workflow.GlobalParams = [.. shared, .. workflow.GlobalParams ?? []];
            workflows.Add(workflow);
        }

        return [.. workflows];
    }

    /// <summary>Whether a rule of these workflows decides readiness (its Properties hold <c>readiness</c>) rather than giving a card.</summary>
    public static bool IsReadinessRule(Rule rule) => rule.Properties?.ContainsKey("readiness") == true;
}
