using System.Text.Json;
using RetakeAdvice.Model;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Loading;

/// <summary>
/// Reads <c>ruleset.json</c>, the manifest, strictly: every key known, every value of the right type and in range,
/// every problem reported with its JSON path, line and column. The one reader of the manifest.
/// </summary>
internal static class ManifestReader
{
    private static readonly string[] ManifestKeys =
    [
        "$schema", "name", "version", "steps", "passingStandards", "attemptLimit", "failureBands", "practiceExamVerdict",
        "resources", "disciplineWeights", "competitiveSpecialties", "crisisLines", "supportLines", "parameters", "conditions", "evaluationBudget",
    ];

    /// <summary>A named expression the manifest shares with every workflow file, as written.</summary>
    public sealed record SharedExpression(string Name, string Text, string Path);

    /// <summary>
    /// The manifest's tables, and its parameters and conditions (compiled by the loader); null when the file is not a
    /// JSON object. The tables are complete only when no error was reported.
    /// </summary>
    public sealed record Result(ManifestTables Tables, IReadOnlyList<SharedExpression> Parameters, IReadOnlyList<SharedExpression> Conditions);

    public static Result? Read(RuleFile? file, List<RuleSetError> errors)
    {
        const string Name = RuleFolder.ManifestFile;
        if (file is null)
        {
            errors.Add(new RuleSetError { File = Name, Message = "the manifest is missing" });
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            errors.Add(JsonErrors.FromJsonException(Name, ex, content: file.Content));
            return null;
        }

        using (document)
        {
            var fields = new JsonFields(Name, errors, file.Content);
            try
            {
                // With errors elsewhere in it, the manifest's shared parameters and conditions are still read, so that
                // the workflows that use them report only their own problems.
                return Read(document.RootElement, fields);
            }
            catch (InvalidOperationException)
            {
                errors.Add(new RuleSetError { File = Name, Path = "$", Message = JsonFields.NotUnicode });
                return null;
            }
        }
    }

    private static Result? Read(JsonElement root, JsonFields fields)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            fields.Error(null, "$", $"the manifest must hold a JSON object (was {JsonFields.Kind(root)})");
            return null;
        }

        fields.CheckKeys(root, "$", null, ManifestKeys, "the manifest");
        var name = NonEmpty(fields, root, "name", "$");
        var version = NonEmpty(fields, root, "version", "$");
        var attemptLimit = fields.Int(root, "attemptLimit", "$", null, required: true, 1, 1000);
        var (core, aliases) = Resources(fields, root);
        var tables = new ManifestTables
        {
            Name = name ?? string.Empty,
            Version = version ?? string.Empty,
            Steps = Steps(fields, root),
            PassingStandards = Standards(fields, root),
            AttemptLimit = attemptLimit ?? 0,
            FailureBands = ManifestLinesReader.Bands(fields, root),
            VerdictMeasures = ManifestLinesReader.Verdict(fields, root),
            CoreResources = core,
            Aliases = aliases,
            DefaultWeight = Weight(fields, root, out var weights, out var disciplineAliases),
            Weights = weights,
            DisciplineAliases = disciplineAliases,
            CompetitiveSpecialties = NameList(fields, root, "competitiveSpecialties", "$"),
            CrisisLines = Lines(fields, root, "crisisLines", required: true),
            SupportLines = Lines(fields, root, "supportLines", required: false),
            EvaluationBudget = fields.Int(root, "evaluationBudget", "$", null, required: false, 1_000, 1_000_000_000) ?? Fuel.DefaultBudget,
        };

        return new Result(tables, Shared(fields, root, "parameters"), Shared(fields, root, "conditions"));
    }

    private static List<(int Step, AdviceSource Source)> Steps(JsonFields fields, JsonElement root)
    {
        var steps = new List<(int, AdviceSource)>();
        var list = fields.List(root, "steps", "$", null, required: true);
        if (list.Count == 0 && JsonFields.TryGet(root, "steps", out var given) && given.ValueKind == JsonValueKind.Array)
        {
            fields.Error(null, "$.steps", "must list at least one step");
        }

        foreach (var (element, path) in list)
        {
            if (!fields.IsObject(element, path, null, "a step: { \"step\", \"source\": { \"label\", \"url\" } }"))
            {
                continue;
            }

            fields.CheckKeys(element, path, null, ["step", "source"], "a step");
            var step = fields.Int(element, "step", path, null, required: true, 0, 1000);
            var source = Source(fields, element, path);
            if (step is { } number && steps.Exists(s => s.Item1 == number))
            {
                fields.Error(null, $"{path}.step", $"step {number} is listed twice");
            }
            else if (step is { } n && source is not null)
            {
                steps.Add((n, source));
            }
        }

        return steps;
    }

    private static AdviceSource? Source(JsonFields fields, JsonElement owner, string path)
    {
        if (!fields.Object(owner, "source", path, null, required: true, out var source))
        {
            return null;
        }

        fields.CheckKeys(source, $"{path}.source", null, ["label", "url"], "a source");
        var label = NonEmpty(fields, source, "label", $"{path}.source");
        var url = fields.WebAddress(source, "url", $"{path}.source", null);
        return label is null ? null : new AdviceSource { Label = label, Url = url };
    }

    private static List<(DateOnly From, int Score)> Standards(JsonFields fields, JsonElement root)
    {
        var standards = new List<(DateOnly, int)>();
        var list = fields.List(root, "passingStandards", "$", null, required: true);
        if (list.Count == 0 && JsonFields.TryGet(root, "passingStandards", out var given) && given.ValueKind == JsonValueKind.Array)
        {
            fields.Error(null, "$.passingStandards", "must list at least one standard");
        }

        DateOnly? previous = null;
        foreach (var (element, path) in list)
        {
            if (!fields.IsObject(element, path, null, "a standard: { \"from\": date, \"score\": n }"))
            {
                continue;
            }

            fields.CheckKeys(element, path, null, ["from", "score"], "a passing standard");
            var from = fields.Date(element, "from", path, null, required: true);
            var score = fields.Int(element, "score", path, null, required: true, 1, 300);
            if (from is { } date && previous is { } before && date <= before)
            {
                fields.Error(null, $"{path}.from", "must be later than the entry before it");
            }

            previous = from ?? previous;
            if (from is { } f && score is { } s)
            {
                standards.Add((f, s));
            }
        }

        return standards;
    }

    private static List<string> NameList(JsonFields fields, JsonElement owner, string key, string path)
    {
        var names = new List<string>();
        foreach (var (element, at) in fields.List(owner, key, path, null, required: true))
        {
            if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
            {
                fields.Error(null, at, $"must be a name (was {JsonFields.Kind(element)})");
                continue;
            }

            names.Add(element.GetString()!);
        }

        return names;
    }

    private static (List<string> Core, Dictionary<string, IReadOnlyList<string>> Aliases) Resources(JsonFields fields, JsonElement root)
    {
        var aliases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!fields.Object(root, "resources", "$", null, required: true, out var resources))
        {
            return ([], aliases);
        }

        fields.CheckKeys(resources, "$.resources", null, ["core", "aliases"], "resources");
        var core = NameList(fields, resources, "core", "$.resources");
        if (!fields.Object(resources, "aliases", "$.resources", null, required: true, out var table))
        {
            return (core, aliases);
        }

        foreach (var property in table.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(property.Name))
            {
                fields.Error(null, JsonFields.Member("$.resources.aliases", property.Name), "must not be an empty name");
                continue;
            }

            aliases[property.Name] = NameList(fields, table, property.Name, "$.resources.aliases");
        }

        return (core, aliases);
    }

    private static double Weight(JsonFields fields, JsonElement root, out Dictionary<string, double> weights, out Dictionary<string, IReadOnlyList<string>> aliases)
    {
        weights = new Dictionary<string, double>(StringComparer.Ordinal);
        aliases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!fields.Object(root, "disciplineWeights", "$", null, required: true, out var element))
        {
            return 0;
        }

        // "source" names the content outline the weights come from: for people, not read by rules.
        fields.CheckKeys(element, "$.disciplineWeights", null, ["source", "default", "weights", "aliases"], "discipline weights");
        fields.String(element, "source", "$.disciplineWeights", null, required: false);
        var fallback = NonNegative(fields, element, "default", "$.disciplineWeights", required: true);
        if (fields.Object(element, "weights", "$.disciplineWeights", null, required: true, out var table))
        {
            foreach (var property in table.EnumerateObject())
            {
                if (NonNegative(fields, table, property.Name, "$.disciplineWeights.weights", required: true) is { } weight)
                {
                    weights[property.Name] = weight;
                }
            }
        }

        var weighted = JsonFields.TryGet(element, "weights", out var given) && given.ValueKind == JsonValueKind.Object;
        if (weighted && fields.Object(element, "aliases", "$.disciplineWeights", null, required: false, out var aliasTable))
        {
            foreach (var property in aliasTable.EnumerateObject())
            {
                if (!weights.Keys.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    fields.Error(null, JsonFields.Member("$.disciplineWeights.aliases", property.Name), $"'{property.Name}' is not a discipline of weights: aliases name other spellings of a weighted discipline");
                    continue;
                }

                aliases[property.Name] = NameList(fields, aliasTable, property.Name, "$.disciplineWeights.aliases");
            }
        }

        return fallback ?? 0;
    }

    /// <summary>Crisis lines (answered at any hour) or support lines (with their own hours): a name, a contact, how.</summary>
    private static List<CrisisLine> Lines(JsonFields fields, JsonElement root, string key, bool required)
    {
        var lines = new List<CrisisLine>();
        foreach (var (element, path) in fields.List(root, key, "$", null, required))
        {
            if (!fields.IsObject(element, path, null, "a crisis line: { \"name\", \"contact\", \"how\" }"))
            {
                continue;
            }

            fields.CheckKeys(element, path, null, ["name", "contact", "how"], "a crisis line");
            var name = NonEmpty(fields, element, "name", path);
            var contact = NonEmpty(fields, element, "contact", path);
            var how = NonEmpty(fields, element, "how", path);
            if (name is not null && contact is not null && how is not null)
            {
                lines.Add(new CrisisLine { Name = name, Contact = contact, How = how });
            }
        }

        if (required && lines.Count == 0 && JsonFields.TryGet(root, key, out var given) && given.ValueKind == JsonValueKind.Array && given.GetArrayLength() == 0)
        {
            // Cards for a student in crisis name these lines; an empty list would leave them naming nothing.
            fields.Error(null, "$." + key, "must list at least one line open at any hour (outside the United States, your country's crisis line)");
        }

        return lines;
    }

    private static List<SharedExpression> Shared(JsonFields fields, JsonElement root, string key)
    {
        var shared = new List<SharedExpression>();
        foreach (var (element, path) in fields.List(root, key, "$", null, required: false))
        {
            if (!fields.IsObject(element, path, null, "{ \"name\", \"expression\" }"))
            {
                continue;
            }

            fields.CheckKeys(element, path, null, ["name", "expression"], "a shared parameter or condition");
            var name = fields.String(element, "name", path, null, required: true);
            var text = fields.String(element, "expression", path, null, required: true);
            if (name is not null && text is not null)
            {
                shared.Add(new SharedExpression(name, text, path));
            }
        }

        return shared;
    }

    private static double? NonNegative(JsonFields fields, JsonElement owner, string key, string path, bool required)
    {
        var number = fields.Number(owner, key, path, null, required);
        if (number < 0)
        {
            fields.Error(null, JsonFields.Member(path, key), "must not be negative");
            return null;
        }

        return number;
    }

    internal static string? NonEmpty(JsonFields fields, JsonElement owner, string key, string path)
    {
        var text = fields.String(owner, key, path, null, required: true);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            fields.Error(null, $"{path}.{key}", "must not be empty");
            return null;
        }

        return text;
    }
}
