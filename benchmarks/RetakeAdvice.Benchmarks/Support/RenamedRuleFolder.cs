using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// A copy of a rule folder that no code could recognise as the default rule set: every <c>RuleName</c> gets a
/// prefix, every numeric GlobalParams value changes slightly, and the manifest gets another name (so the SHA-256
/// differs too). The rule tests are not copied: they name the old ids.
/// </summary>
public static class RenamedRuleFolder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <returns>The renamed rule ids.</returns>
    public static IReadOnlyList<string> Write(string sourceDirectory, string targetDirectory, string prefix = "x.")
    {
        Directory.CreateDirectory(targetDirectory);
        var ids = new List<string>();
        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*.json"))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (Path.GetFileName(file) == "ruleset.json")
            {
                root["name"] = "renamed-copy";
                root["version"] = "0.0.1";
            }
            else
            {
                foreach (var rule in root["Rules"]!.AsArray())
                {
                    var id = prefix + (string)rule!["RuleName"]!;
                    rule["RuleName"] = id;
                    ids.Add(id);
                }

                foreach (var param in root["GlobalParams"]?.AsArray() ?? [])
                {
                    var expression = (string)param!["Expression"]!;
                    if (int.TryParse(expression, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                    {
                        param["Expression"] = (number + 1).ToString(CultureInfo.InvariantCulture);
                    }
                }
            }

            // The copy sits outside the repository: the relative "$schema" would point nowhere, and is not needed.
            root.Remove("$schema");
            File.WriteAllText(Path.Combine(targetDirectory, Path.GetFileName(file)), root.ToJsonString(Indented));
        }

        return ids;
    }
}
