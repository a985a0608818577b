using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RetakeAdvice.Tests.Guards;

/// <summary>
/// The advice is data. No rule id (card or readiness rule), threshold, alias, resource or specialty name, passing
/// standard, crisis line, failure band (name, bounds, weeks), practice-exam line, step number or source label, or
/// shared parameter may be written in the C# under src/: this check reads them from the shipped rule files and
/// searches the code (comments aside) for each one. <see cref="AdviceLogicIsDataTests"/> shows the same by behaviour.
/// </summary>
public sealed partial class NoRuleDataInCodeTests
{
    // The profile contract's own input limits (spec section 1) are not advice thresholds.
    private const string ContractLimitsFile = "ProfileLimits.cs";

    [Fact]
    public void Source_WritesNoRuleDataAsLiterals()
    {
        var data = RuleData.Read(RepoPaths.Rules);

        var findings = SourceFiles()
            .SelectMany(file => Scan(Path.GetRelativePath(RepoPaths.Root, file), File.ReadAllText(file), data))
            .ToList();

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Scan_PlantedRuleData_IsFound()
    {
        var data = RuleData.Read(RepoPaths.Rules);
        const string Code = """
            var id = "school.contact-now";   // a catalogue id
            var core = "uworld";              // an alias, any case
            if (score >= 196) { }             // a passing standard
            if (distress >= 240) { }          // a threshold
            var p = 0.7;                      // a verdict line
            // 270 in a comment is fine, and so is "neurosurgery" here
            var call = "call 988 now";        // a crisis number
            if (band == "moderate") { }       // a failure band's name
            var step = fields.Int(card, "step", path, id, true, 1, 7); // the article's step numbers
            """;

        var findings = Scan("Planted.cs", Code, data);

        Assert.Equal(8, findings.Count);
        Assert.Contains(findings, f => f.Contains("\"moderate\"", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("step number 7", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("school.contact-now", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("\"UWorld\"", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("number 196", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("number 240", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("number 0.7", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("\"988\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_ContractLimitsFile_MayHoldNumbers()
    {
        var data = RuleData.Read(RepoPaths.Rules);

        Assert.Empty(Scan(ContractLimitsFile, "public const int MaxSomething = 240;", data));
        Assert.Single(Scan("Other.cs", "public const int MaxSomething = 240;", data));
    }

    private static List<string> Scan(string file, string source, RuleData data)
    {
        var findings = new List<string>();
        var code = StripComments(source);
        foreach (Match literal in StringLiteral().Matches(code))
        {
            foreach (var word in data.Words)
            {
                if (Regex.IsMatch(literal.Value, $@"(?<![\w.-]){Regex.Escape(word)}(?![\w-])", RegexOptions.IgnoreCase))
                {
                    findings.Add($"{file}: string {literal.Value} contains the rule data \"{word}\"");
                }
            }
        }

        if (Path.GetFileName(file) == ContractLimitsFile)
        {
            return findings;
        }

        var withoutStrings = StringLiteral().Replace(code, "\"\"");

        // Step numbers are small, so they are looked for only where a line speaks of steps: the allowed steps are
        // the manifest's, never a range written in code.
        foreach (var line in code.Split('\n').Where(l => l.Contains("step", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (Match number in NumberLiteral().Matches(StringLiteral().Replace(line, "\"\"")))
            {
                if (int.TryParse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step >= 2 && data.Steps.Contains(step))
                {
                    findings.Add($"{file}: the step number {step} is a rule-set value: {line.Trim()}");
                }
            }
        }
        foreach (Match number in NumberLiteral().Matches(withoutStrings))
        {
            var value = double.Parse(number.Value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            if (data.Numbers.Contains(value))
            {
                findings.Add($"{file}: the number {number.Value} is a rule-set value");
            }
        }

        return findings;
    }

    // Generated files (*.g.cs: the precompiled default rule set) hold the rule data by design: they are written by
    // `retake-advice compile` from rules/, and PrecompiledDefaultTests checks they still match it.
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".g.cs", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string StripComments(string code) => Comment().Replace(code, m => m.Value.StartsWith('"') || m.Value.StartsWith("@\"", StringComparison.Ordinal) ? m.Value : "");

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w.])\d[\d_]*(?:\.\d+)?(?![\w.])")]
    private static partial Regex NumberLiteral();

    /// <summary>The rule data that must stay out of code, read from the rule files.</summary>
    private sealed record RuleData(HashSet<string> Words, HashSet<double> Numbers, HashSet<int> Steps)
    {
        public static RuleData Read(string rules)
        {
            var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var numbers = new HashSet<double>();
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(rules, "ruleset.json")));
            var root = manifest.RootElement;
            foreach (var standard in root.GetProperty("passingStandards").EnumerateArray())
            {
                numbers.Add(standard.GetProperty("score").GetDouble());
            }

            var resources = root.GetProperty("resources");
            foreach (var core in resources.GetProperty("core").EnumerateArray())
            {
                words.Add(core.GetString()!);
            }

            foreach (var alias in resources.GetProperty("aliases").EnumerateObject())
            {
                words.Add(alias.Name);
                foreach (var spelling in alias.Value.EnumerateArray())
                {
                    words.Add(spelling.GetString()!);
                }
            }

            foreach (var specialty in root.GetProperty("competitiveSpecialties").EnumerateArray())
            {
                words.Add(specialty.GetString()!);
            }

            foreach (var line in root.GetProperty("crisisLines").EnumerateArray())
            {
                words.Add(line.GetProperty("contact").GetString()!);
                words.Add(line.GetProperty("name").GetString()!);
            }

            foreach (var discipline in root.GetProperty("disciplineWeights").GetProperty("weights").EnumerateObject())
            {
                numbers.Add(discipline.Value.GetDouble());
            }

            AddNumbers(root.GetProperty("practiceExamVerdict"), numbers);
            foreach (var band in root.GetProperty("failureBands").EnumerateArray())
            {
                words.Add(band.GetProperty("name").GetString()!);
                AddNumbers(band, numbers);
            }

            var steps = new HashSet<int>();
            foreach (var step in root.GetProperty("steps").EnumerateArray())
            {
                words.Add(step.GetProperty("source").GetProperty("label").GetString()!);
                steps.Add(step.GetProperty("step").GetInt32());
            }

            foreach (var key in new[] { "parameters", "conditions" })
            {
                foreach (var shared in root.TryGetProperty(key, out var list) ? list.EnumerateArray() : default)
                {
                    words.Add(shared.GetProperty("name").GetString()!);
                    AddNumber(shared.GetProperty("expression").GetString()!, numbers);
                }
            }

            foreach (var file in Directory.EnumerateFiles(rules, "*.json").Where(f => Path.GetFileName(f) != "ruleset.json"))
            {
                using var workflow = JsonDocument.Parse(File.ReadAllText(file));
                if (workflow.RootElement.TryGetProperty("GlobalParams", out var globals))
                {
                    foreach (var param in globals.EnumerateArray())
                    {
                        AddNumber(param.GetProperty("Expression").GetString()!, numbers);
                    }
                }

                foreach (var rule in workflow.RootElement.GetProperty("Rules").EnumerateArray())
                {
                    words.Add(rule.GetProperty("RuleName").GetString()!);
                }
            }

            // Small whole numbers (0 to 10) are everywhere in code as counts and offsets; they are checked only
            // where they cannot be anything else, through the ids and names above.
            numbers.RemoveWhere(n => n == Math.Floor(n) && n is >= 0 and <= 10);
            return new RuleData(words, numbers, steps);
        }

        private static void AddNumber(string expression, HashSet<double> numbers)
        {
            if (double.TryParse(expression, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add(value);
            }
        }

        /// <summary>Every number in a JSON value, however deep.</summary>
        private static void AddNumbers(JsonElement element, HashSet<double> numbers)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    numbers.Add(element.GetDouble());
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        AddNumbers(property.Value, numbers);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        AddNumbers(item, numbers);
                    }

                    break;
            }
        }
    }
}
