using System.Collections;
using System.Text;
using System.Text.Json;
using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Loading;

/// <summary>The property names of a precompiled rule set's data (written by <c>PrecompiledDataWriter</c>).</summary>
internal static class PrecompiledData
{
    public const string Sha256 = "sha256", Manifest = "manifest", Files = "files", Rules = "rules", CardOrder = "cardOrder";
    public const string Id = "id", File = "file", Path = "path", Enabled = "enabled", Expression = "expression", Gate = "gate";
    public const string Terms = "terms", Name = "name", Value = "value", Verdict = "verdict", Status = "status", Because = "because";
    public const string Suppresses = "suppresses", StudyWeeks = "studyWeeks", Card = "card", Step = "step", Category = "category";
    public const string Indicator = "indicator", Priority = "priority", Pin = "pin", Summary = "summary", Detail = "detail";
    public const string Actions = "actions", Kind = "kind", ForEach = "forEach", Target = "target", Minutes = "minutes";
    public const string Source = "source", Label = "label", Url = "url", Escalation = "escalation", When = "when";
    public const string Items = "items", Where = "where", Score = "score", Keep = "keep", Whole = "whole", Literals = "literals";
    public const string Writers = "writers", Choose = "choose", Choices = "choices", Kept = "kept";
}

/// <summary>
/// Reads a precompiled rule set's data back into the model the loader builds, taking each compiled expression from
/// the generated delegates; nothing is parsed but the data and the manifest. The data was written by the same
/// library from a folder that loaded, so a problem here is a damaged or mismatched generated file, never a rule
/// author's mistake.
/// </summary>
internal sealed class PrecompiledDataReader(Delegate[] delegates)
{
    /// <exception cref="InvalidDataException">The data or its delegates do not fit together.</exception>
    public static CompiledRuleSet Read(ReadOnlySpan<byte> data, Delegate[] delegates)
    {
        try
        {
            using var document = JsonDocument.Parse(data.ToArray());
            return new PrecompiledDataReader(delegates).RuleSet(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidCastException or IndexOutOfRangeException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"the precompiled rule set's data does not read ({ex.Message}); compile the rule folder again with this version of RetakeAdvice", ex);
        }
    }

    private CompiledRuleSet RuleSet(JsonElement root)
    {
        var errors = new List<RuleSetError>();
        var manifestFile = new RuleFile(RuleFolder.ManifestFile, Encoding.UTF8.GetBytes(root.GetProperty(PrecompiledData.Manifest).GetString()!));
        var tables = ManifestReader.Read(manifestFile, errors)?.Tables;
        if (tables is null || errors.Count > 0)
        {
            throw new InvalidOperationException($"its manifest does not read: {string.Join("; ", errors)}");
        }

        var rules = root.GetProperty(PrecompiledData.Rules).EnumerateArray().Select(Rule).ToArray();
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Index != i)
            {
                throw new InvalidOperationException($"rule {rules[i].Id} is numbered {rules[i].Index} in place {i}");
            }
        }

        var cardOrder = root.GetProperty(PrecompiledData.CardOrder).EnumerateArray().Select(e => rules[e.GetInt32()]).ToArray();
        var info = new RuleSetInfo { Name = tables.Name, Version = tables.Version, Sha256 = root.GetProperty(PrecompiledData.Sha256).GetString()! };
        return new CompiledRuleSet(info, new Manifest(tables), rules, cardOrder, Strings(root.GetProperty(PrecompiledData.Files)))
        {
            Precompiled = true,
            KeptValues = root.GetProperty(PrecompiledData.Kept).GetInt32(),
        };
    }

    private int _index;

    private CompiledRule Rule(JsonElement rule)
    {
        var terms = rule.GetProperty(PrecompiledData.Terms).EnumerateArray()
            .Select(t => (t.GetProperty(PrecompiledData.Name).GetString()!, Code<object?>(t, PrecompiledData.Value)))
            .ToArray();
        return new CompiledRule
        {
            Id = rule.GetProperty(PrecompiledData.Id).GetString()!,
            Index = _index++,
            File = rule.GetProperty(PrecompiledData.File).GetString()!,
            Path = rule.GetProperty(PrecompiledData.Path).GetString()!,
            Enabled = rule.GetProperty(PrecompiledData.Enabled).GetBoolean(),
            ExpressionText = rule.GetProperty(PrecompiledData.Expression).GetString()!,
            Gate = Code<bool>(rule, PrecompiledData.Gate),
            Card = rule.TryGetProperty(PrecompiledData.Card, out var card) ? Card(card) : null,
            Verdict = rule.TryGetProperty(PrecompiledData.Verdict, out var verdict)
                ? new CompiledVerdict(Enum.Parse<ReadinessStatus>(verdict.GetProperty(PrecompiledData.Status).GetString()!), Templates(verdict.GetProperty(PrecompiledData.Because)))
                : null,
            Suppresses = rule.TryGetProperty(PrecompiledData.Suppresses, out var suppresses)
                ? new CompiledSuppression([.. suppresses.GetProperty(PrecompiledData.Rules).EnumerateArray().Select(e => e.GetInt32())], suppresses.GetProperty(PrecompiledData.StudyWeeks).GetBoolean())
                : null,
            Terms = new(() => terms),
        };
    }

    private CompiledCard Card(JsonElement card)
    {
        var source = card.GetProperty(PrecompiledData.Source);
        return new CompiledCard
        {
            Step = card.GetProperty(PrecompiledData.Step).GetInt32(),
            Category = card.GetProperty(PrecompiledData.Category).GetString()!,
            Indicator = Enum.Parse<AdviceIndicator>(card.GetProperty(PrecompiledData.Indicator).GetString()!),
            Priority = card.GetProperty(PrecompiledData.Priority).GetInt32(),
            PinFirst = card.GetProperty(PrecompiledData.Pin).GetBoolean(),
            Summary = Template(card.GetProperty(PrecompiledData.Summary)),
            Detail = card.TryGetProperty(PrecompiledData.Detail, out var detail) ? Template(detail) : null,
            Because = Templates(card.GetProperty(PrecompiledData.Because)),
            Actions = [.. card.GetProperty(PrecompiledData.Actions).EnumerateArray().Select(a => new CompiledAction(
                a.GetProperty(PrecompiledData.Kind).GetString()!,
                OptionalCode<IEnumerable?>(a, PrecompiledData.ForEach),
                a.TryGetProperty(PrecompiledData.Target, out var target) ? Template(target) : null,
                OptionalCode<int?>(a, PrecompiledData.Minutes)))],
            Source = new AdviceSource
            {
                Label = source.GetProperty(PrecompiledData.Label).GetString()!,
                Url = source.TryGetProperty(PrecompiledData.Url, out var url) ? url.GetString() : null,
            },
            Escalation = card.TryGetProperty(PrecompiledData.Escalation, out var escalation)
                ? new CompiledEscalation(
                    escalation.GetProperty(PrecompiledData.When).GetString()!,
                    Code<bool>(escalation, PrecompiledData.Gate),
                    Enum.Parse<AdviceIndicator>(escalation.GetProperty(PrecompiledData.Indicator).GetString()!),
                    escalation.TryGetProperty(PrecompiledData.Because, out var because) ? Template(because) : null)
                : null,
            Target = card.TryGetProperty(PrecompiledData.Target, out var perItem)
                ? new CompiledTarget(
                    Code<IEnumerable?>(perItem, PrecompiledData.Items),
                    OptionalCode<bool>(perItem, PrecompiledData.Where),
                    OptionalCode<double>(perItem, PrecompiledData.Score),
                    Code<string?>(perItem, PrecompiledData.Name),
                    OptionalCode<int>(perItem, PrecompiledData.Keep))
                : null,
        };
    }

    private Template[] Templates(JsonElement list) => [.. list.EnumerateArray().Select(Template)];

    private Template Template(JsonElement template) =>
        template.TryGetProperty(PrecompiledData.Choose, out _)
            ? new Template(Code<int>(template, PrecompiledData.Choose), Strings(template.GetProperty(PrecompiledData.Choices)))
        : template.TryGetProperty(PrecompiledData.Whole, out _)
            ? new Template(Code<string?>(template, PrecompiledData.Whole))
            : new Template(
                [.. Strings(template.GetProperty(PrecompiledData.Literals))],
                [.. template.GetProperty(PrecompiledData.Writers).EnumerateArray().Select(e => (TemplateWriter)delegates[e.GetInt32()])]);

    private static string[] Strings(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetString()!)];

    private RuleFunc<T>? OptionalCode<T>(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out _) ? Code<T>(owner, property) : null;

    private RuleFunc<T> Code<T>(JsonElement owner, string property) => (RuleFunc<T>)delegates[owner.GetProperty(property).GetInt32()];
}
