using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// A rule folder with exactly N rules made from copies of the shipped workflows: one manifest (unchanged), then
/// whole copies of every card workflow and, for the remainder, the first rules in file order (ordinal, as the loader
/// reads them); the readiness workflow once, unscaled (its rules decide in order from one file, so N counts card rules). Copy <c>c</c> of a workflow is the file <c>{name}-c{c}.json</c>, its <c>WorkflowName</c> and
/// every <c>RuleName</c> get the suffix <c>-c{c}</c> / <c>.c{c}</c> so names stay unique; expressions, parameters and
/// texts are left as they are, so every copy costs the loader the same work as the original. Rule tests are not
/// copied (<see cref="RuleSource.FromDirectory"/> does not read them).
/// </summary>
public static class ScaledRuleFolder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <returns>The number of rules written (always <paramref name="rules"/>).</returns>
    public static int Write(string sourceDirectory, string targetDirectory, int rules)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rules, 1);
        Directory.CreateDirectory(targetDirectory);

        JsonObject? manifest = null;
        var workflows = new List<(string Stem, JsonObject Root)>();
        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();

            // The copies sit outside the repository: the relative "$schema" would point nowhere, and is not needed.
            root.Remove("$schema");
            if (Path.GetFileName(file) == "ruleset.json")
            {
                manifest = root;
            }
            else if (root["Rules"]!.AsArray().Any(rule => rule!["Properties"]?["readiness"] is not null))
            {
                // Readiness rules decide in order from one file: copied once, as they are, not scaled.
                File.WriteAllText(Path.Combine(targetDirectory, Path.GetFileName(file)), root.ToJsonString(Indented));
            }
            else
            {
                workflows.Add((Path.GetFileNameWithoutExtension(file), root));
            }
        }

        if (manifest is null || workflows.Count == 0)
        {
            throw new InvalidOperationException("no manifest or no workflows in " + sourceDirectory);
        }

        File.WriteAllText(Path.Combine(targetDirectory, "ruleset.json"), manifest.ToJsonString(Indented));
        if (workflows.Sum(w => w.Root["Rules"]!.AsArray().Count) == 0)
        {
            throw new InvalidOperationException("the workflows hold no rules");
        }

        var written = 0;
        var copies = new List<(string File, JsonObject Root, string Suffix)>();
        for (var copy = 0; written < rules; copy++)
        {
            foreach (var (stem, original) in workflows)
            {
                var take = Math.Min(original["Rules"]!.AsArray().Count, rules - written);
                if (take == 0)
                {
                    break;
                }

                var root = original.DeepClone().AsObject();
                var suffix = copy.ToString(CultureInfo.InvariantCulture);
                root["WorkflowName"] = $"{(string)root["WorkflowName"]!}-c{suffix}";
                var list = root["Rules"]!.AsArray();
                while (list.Count > take)
                {
                    list.RemoveAt(list.Count - 1);
                }

                foreach (var rule in list)
                {
                    rule!["RuleName"] = $"{(string)rule["RuleName"]!}.c{suffix}";
                }

                copies.Add(($"{stem}-c{suffix}.json", root, suffix));
                written += take;
            }
        }

        // A rule that suppresses another names it: in a copy, the same copy of that rule, or nothing when the last,
        // partial copy left it out (so every copy loads, as the shipped rules do).
        var names = copies.SelectMany(c => c.Root["Rules"]!.AsArray()).Select(r => (string)r!["RuleName"]!).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, root, suffix) in copies)
        {
            foreach (var suppresses in root["Rules"]!.AsArray().Select(r => r!["Properties"]?["suppresses"]).OfType<JsonArray>())
            {
                var targets = suppresses.Select(t => (string)t!).ToArray();
                suppresses.Clear();
                foreach (var target in targets)
                {
                    var renamed = target.Contains(':', StringComparison.Ordinal) || target == "estimatedStudyWeeks" ? target : $"{target}.c{suffix}";
                    if (renamed == target || names.Contains(renamed))
                    {
                        suppresses.Add(renamed);
                    }
                }
            }

            File.WriteAllText(Path.Combine(targetDirectory, file), root.ToJsonString(Indented));
        }

        return written;
    }
}
