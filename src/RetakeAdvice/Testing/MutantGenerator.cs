using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Testing;

/// <summary>
/// Makes the mutants of a rule folder as edits of its JSON, the edits an author could make: each rule switched off and
/// forced on, each escalation negated, each numeric parameter (GlobalParams, LocalParams, the manifest's parameters)
/// and each threshold of the manifest (attempt limit, passing standards, failure bands, practice-exam verdicts)
/// nudged by its smallest step both ways. Every mutant loads through the ordinary loader: nothing is mutated that an
/// edit could not reach.
/// </summary>
internal static partial class MutantGenerator
{
    public static List<(RuleMutant Mutant, RuleFile File)> Make(RuleFolder folder)
    {
        var mutants = new List<(RuleMutant, RuleFile)>();
        if (folder.Manifest is { } manifest && Parse(manifest) is { } root)
        {
            Manifest(manifest.Path, root, mutants);
        }

        foreach (var file in folder.Workflows)
        {
            if (Parse(file) is { } workflow)
            {
                Workflow(file.Path, workflow, mutants);
            }
        }

        return mutants;
    }

    private static JsonObject? Parse(RuleFile file)
    {
        try
        {
            return JsonNode.Parse(file.Content) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // the loader reports it; a folder that does not load is refused before mutants are made
        }
    }

    private static void Workflow(string file, JsonObject workflow, List<(RuleMutant, RuleFile)> mutants)
    {
        Params(file, workflow, "GlobalParams", "$.GlobalParams", rule: null, mutants);
        if (workflow["Rules"] is not JsonArray rules)
        {
            return;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not JsonObject rule || rule["RuleName"]?.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            var id = rule["RuleName"]!.GetValue<string>();
            var path = $"$.Rules[{i}]";
            if (rule["Enabled"] is JsonValue enabled && enabled.GetValueKind() == JsonValueKind.False)
            {
                continue; // a rule switched off already has no mutants worth running
            }

            Add(MutantKind.RuleOff, $"{id} switched off", $"{path}.Enabled", id, null, r => ((JsonObject)((JsonArray)r["Rules"]!)[i]!)["Enabled"] = false);
            if (rule["Expression"] is JsonValue expression && expression.GetValueKind() == JsonValueKind.String && expression.GetValue<string>().Trim() != "true")
            {
                // A per-item rule forced on gives a card for every item: its where is forced too, or the mutant
                // would only show that the gate repeats the where (a guard against a missing list).
                var perItem = rule["Properties"]?["target"]?["where"] is JsonValue;
                Add(MutantKind.RuleForcedOn, $"{id} forced on (Expression{(perItem ? " and target.where" : string.Empty)}: true)", $"{path}.Expression", id, null, r =>
                {
                    var copy = (JsonObject)((JsonArray)r["Rules"]!)[i]!;
                    copy["Expression"] = "true";
                    if (perItem)
                    {
                        copy["Properties"]!["target"]!["where"] = "true";
                    }
                });
            }

            if (rule["Properties"]?["escalation"]?["when"] is JsonValue when && when.GetValueKind() == JsonValueKind.String)
            {
                var text = when.GetValue<string>();
                Add(MutantKind.EscalationFlipped, $"{id}'s escalation negated", $"{path}.Properties.escalation.when", id, null,
                    r => ((JsonArray)r["Rules"]!)[i]!["Properties"]!["escalation"]!["when"] = $"!({text})");
            }

            Params(file, rule, "LocalParams", $"{path}.LocalParams", id, mutants, r => (JsonObject)((JsonArray)r["Rules"]!)[i]!);
        }

        void Add(MutantKind kind, string description, string path, string? rule, string? parameter, Action<JsonObject> edit) =>
            mutants.Add(Mutant(file, workflow, kind, description, path, rule, parameter, edit));
    }

    /// <summary>The numeric literals among named expressions: <c>{ "Name": "counselingDistress", "Expression": "7" }</c>.</summary>
    private static void Params(
        string file, JsonObject owner, string key, string path, string? rule, List<(RuleMutant, RuleFile)> mutants, Func<JsonObject, JsonObject>? select = null, string nameKey = "Name", string expressionKey = "Expression")
    {
        select ??= r => r;
        var root = owner.Root.AsObject();
        if (owner[key] is not JsonArray parameters)
        {
            return;
        }

        for (var j = 0; j < parameters.Count; j++)
        {
            if (parameters[j] is not JsonObject parameter
                || parameter[nameKey] is not JsonValue name || name.GetValueKind() != JsonValueKind.String
                || parameter[expressionKey] is not JsonValue expression || expression.GetValueKind() != JsonValueKind.String
                || !NumberLiteral().IsMatch(expression.GetValue<string>()))
            {
                continue;
            }

            var index = j;
            var text = expression.GetValue<string>().Trim();
            foreach (var (kind, value, from, to) in Nudges(text))
            {
                mutants.Add(Mutant(file, root, kind, $"{name.GetValue<string>()} {text} → {value}", $"{path}[{j}].{expressionKey}", rule, name.GetValue<string>(),
                    r => ((JsonArray)select(r)[key]!)[index]![expressionKey] = value, (from, to)));
            }
        }
    }

    private static void Manifest(string file, JsonObject manifest, List<(RuleMutant, RuleFile)> mutants)
    {
        Params(file, manifest, "parameters", "$.parameters", rule: null, mutants, nameKey: "name", expressionKey: "expression");
        Number(manifest, "attemptLimit", "$.attemptLimit", "attemptLimit");
        Table("passingStandards", "from", ["score"]);
        Table("practiceExamVerdict", "measure", ["passAtLeast", "closeAtLeast"]);
        if (manifest["failureBands"] is JsonArray bands)
        {
            for (var i = 0; i < bands.Count; i++)
            {
                var band = bands[i] as JsonObject;
                var name = band?["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : i.ToString(CultureInfo.InvariantCulture);
                foreach (var measure in (string[])["pointsBelowPassing", "failedAttempts"])
                {
                    if (band?[measure] is JsonObject bounds)
                    {
                        foreach (var bound in bounds.Select(b => b.Key).ToArray())
                        {
                            Number(bounds, bound, $"$.failureBands[{i}].{measure}.{bound}", $"failureBands[{name}].{measure}.{bound}");
                        }
                    }
                }
            }
        }

        void Table(string key, string nameKey, string[] numbers)
        {
            if (manifest[key] is not JsonArray rows)
            {
                return;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is not JsonObject row)
                {
                    continue;
                }

                var name = row[nameKey] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : i.ToString(CultureInfo.InvariantCulture);
                foreach (var number in numbers)
                {
                    Number(row, number, $"$.{key}[{i}].{number}", $"{key}[{name}].{number}");
                }
            }
        }

        void Number(JsonObject owner, string key, string path, string name)
        {
            if (owner[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
            {
                return;
            }

            var text = value.ToJsonString();
            foreach (var (kind, nudged, from, to) in Nudges(text))
            {
                // The edit finds the same node in the copy by its path from the root.
                var steps = PathSteps().Matches(path).Select(m => m.Value).ToArray();
                mutants.Add(Mutant(file, manifest, kind, $"{name} {text} → {nudged}", path, null, name, r =>
                {
                    JsonNode node = r;
                    foreach (var step in steps[..^1])
                    {
                        node = step.StartsWith('[') ? node[int.Parse(step[1..^1], CultureInfo.InvariantCulture)]! : node[step]!;
                    }

                    node[steps[^1]] = JsonNode.Parse(nudged);
                }, (from, to)));
            }
        }
    }

    /// <summary>The value one smallest step up and down, written with as many decimals as the original.</summary>
    private static IEnumerable<(MutantKind Kind, string Text, decimal From, decimal To)> Nudges(string text)
    {
        var value = decimal.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : text.Trim().Length - point - 1;
        var step = 1m;
        for (var i = 0; i < decimals; i++)
        {
            step /= 10;
        }

        var format = decimals == 0 ? "0" : "0." + new string('0', decimals);
        yield return (MutantKind.ParameterRaised, (value + step).ToString(format, CultureInfo.InvariantCulture), value, value + step);
        yield return (MutantKind.ParameterLowered, (value - step).ToString(format, CultureInfo.InvariantCulture), value, value - step);
    }

    private static (RuleMutant, RuleFile) Mutant(
        string file, JsonObject root, MutantKind kind, string description, string path, string? rule, string? parameter, Action<JsonObject> edit, (decimal, decimal)? values = null)
    {
        var copy = root.DeepClone().AsObject();
        edit(copy);
        var mutant = new RuleMutant { Kind = kind, Description = description, File = file, Path = path, Rule = rule, Parameter = parameter, Values = values };
        return (mutant, new RuleFile(file, Encoding.UTF8.GetBytes(copy.ToJsonString())));
    }

    [GeneratedRegex(@"^\s*-?\d+(\.\d+)?\s*$")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"[A-Za-z]\w*|\[\d+\]")]
    private static partial Regex PathSteps();
}
