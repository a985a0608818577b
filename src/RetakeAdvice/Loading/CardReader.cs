using System.Collections;
using System.Text.Json;
using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Loading;

/// <summary>
/// Reads a card rule's Properties: the card's fixed parts, its text templates and actions, an escalation, the
/// per-item target and the pin. Every expression is compiled against the rule's scope.
/// </summary>
internal sealed class CardReader(ExpressionCompiler compiler, Manifest? manifest, List<RuleSetError> errors)
{
    /// <summary>The key of the list of rules, categories and estimates a rule suppresses when it fires.</summary>
    public const string SuppressesKey = "suppresses";

    private static readonly string[] CardKeys =
        ["step", "category", "indicator", "priority", "summary", "detail", "because", "actions", "source", "escalation", "target", "pin", SuppressesKey];

    private static readonly string[] ActionKeys = ["kind", "target", "minutes", "forEach"];
    private static readonly string[] EscalationKeys = ["when", "indicator", "because"];
    private static readonly string[] TargetKeys = ["items", "where", "score", "name", "keep"];
    private static readonly string[] SourceKeys = ["label", "url"];

    private const int MaxSummaryLength = 140;
    private const string PinFirst = "first";

    /// <summary>Whether a key is one of a card's.</summary>
    public static bool IsCardKey(string key) => CardKeys.Contains(key, StringComparer.OrdinalIgnoreCase);

    public CompiledCard? Read(JsonFields fields, JsonElement card, string path, string? id, ExpressionScope scope, List<ExplainTerm> terms)
    {
        var before = errors.Count;
        fields.CheckKeys(card, path, id, CardKeys, "a card (Properties)");
        var step = Step(fields, card, path, id);
        var category = fields.String(card, "category", path, id, required: true);
        var indicator = Indicator(fields, card, "indicator", path, id, required: true);
        var priority = fields.Int(card, "priority", path, id, required: true, 0, 100);

        // The per-item part comes first: it types `item` for the texts and actions.
        CompiledTarget? target = null;
        var textScope = scope;
        if (JsonFields.TryGet(card, "target", out var targetElement))
        {
            (target, textScope) = ReadTarget(fields, targetElement, $"{path}.target", id, scope);
            if (target is null)
            {
                return null; // the texts read `item`; compiling them without it would only repeat this error
            }
        }

        var summaryText = fields.String(card, "summary", path, id, required: true);
        if (summaryText is not null && summaryText.Length > MaxSummaryLength)
        {
            fields.Error(id, $"{path}.summary", $"is {summaryText.Length} characters long; a summary has at most {MaxSummaryLength}");
        }

        var summary = summaryText is null ? null : Text(fields, id, $"{path}.summary", summaryText, textScope);
        var detailText = fields.String(card, "detail", path, id, required: false);
        var detail = detailText is null ? null : Text(fields, id, $"{path}.detail", detailText, textScope, markdown: true);
        var because = new List<Template>();
        foreach (var (text, at) in fields.Strings(card, "because", path, id))
        {
            if (Text(fields, id, at, text, textScope) is { } template)
            {
                because.Add(template);
            }
        }

        var actions = ReadActions(fields, card, path, id, textScope, target is not null);
        var escalation = JsonFields.TryGet(card, "escalation", out var escalationElement)
            ? ReadEscalation(fields, escalationElement, $"{path}.escalation", id, scope, terms)
            : null;
        var source = Source(fields, card, path, id, step);
        var pin = fields.String(card, "pin", path, id, required: false);
        if (pin is not null && pin != PinFirst)
        {
            fields.Error(id, $"{path}.pin", $"the only pin is \"{PinFirst}\" (was \"{pin}\")");
        }

        if (errors.Count > before || step is null || category is null || indicator is null || priority is null || summary is null || source is null)
        {
            return null;
        }

        return new CompiledCard
        {
            Step = step.Value,
            Category = category,
            Indicator = indicator.Value,
            Priority = priority.Value,
            Summary = summary,
            Detail = detail,
            Because = [.. because],
            Actions = actions,
            Source = source,
            Escalation = escalation,
            Target = target,
            PinFirst = pin == PinFirst,
        };
    }

    /// <summary>The entries of a card's <c>suppresses</c>, as written: resolved once every file is read.</summary>
    public static List<(string Target, string Path)> Suppresses(JsonFields fields, JsonElement card, string path, string? id)
    {
        var entries = new List<(string, string)>();
        if (!JsonFields.TryGet(card, SuppressesKey, out var list))
        {
            return entries;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            fields.Error(id, $"{path}.{SuppressesKey}", $"must be a list of rule ids, \"category:<category>\" or \"estimatedStudyWeeks\" (was {JsonFields.Kind(list)})");
            return entries;
        }

        var i = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = $"{path}.{SuppressesKey}[{i++}]";
            if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
            {
                entries.Add((element.GetString()!, at));
            }
            else
            {
                fields.Error(id, at, $"must be a rule id, \"category:<category>\" or \"estimatedStudyWeeks\" (was {JsonFields.Kind(element)})");
            }
        }

        return entries;
    }

    /// <summary>The card's step, which must be one the manifest lists.</summary>
    private int? Step(JsonFields fields, JsonElement card, string path, string? id)
    {
        var step = fields.Int(card, "step", path, id, required: true, int.MinValue, int.MaxValue);
        if (step is { } number && manifest is not null && manifest.SourceOf(number) is null)
        {
            fields.Error(id, $"{path}.step", $"must be a step the manifest lists: {string.Join(", ", manifest.Steps)} (was {number})");
            return null;
        }

        return step;
    }

    /// <summary>The card's own source, else the manifest's for its step.</summary>
    private AdviceSource? Source(JsonFields fields, JsonElement card, string path, string? id, int? step)
    {
        if (!JsonFields.TryGet(card, "source", out var element))
        {
            return step is { } s ? manifest?.SourceOf(s) : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(id, $"{path}.source", "must be an object with a label and an optional url");
            return null;
        }

        fields.CheckKeys(element, $"{path}.source", id, SourceKeys, "a source");
        var label = fields.String(element, "label", $"{path}.source", id, required: true);
        var url = fields.WebAddress(element, "url", $"{path}.source", id);
        return label is null ? null : new AdviceSource { Label = label, Url = url };
    }

    private (CompiledTarget?, ExpressionScope) ReadTarget(JsonFields fields, JsonElement element, string path, string? id, ExpressionScope scope)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(id, path, "must be an object: items, where, score, name, keep");
            return (null, scope);
        }

        fields.CheckKeys(element, path, id, TargetKeys, "a per-item target");
        var itemsText = fields.String(element, "items", path, id, required: true);
        if (itemsText is null)
        {
            return (null, scope);
        }

        Type? elementType = null;
        var items = WorkflowReader.Compile(fields, id, $"{path}.items", () => compiler.CompileCollection(itemsText, scope, out elementType));
        if (items is null || elementType is null)
        {
            return (null, scope);
        }

        var itemScope = scope.WithItem(elementType);
        var whereText = fields.String(element, "where", path, id, required: false);
        var where = whereText is null ? null : WorkflowReader.Compile(fields, id, $"{path}.where", () => compiler.Compile<bool>(whereText, itemScope));
        var scoreText = fields.String(element, "score", path, id, required: false);
        var score = scoreText is null ? null : WorkflowReader.Compile(fields, id, $"{path}.score", () => compiler.CompileNumber<double>(scoreText, itemScope));
        var nameText = fields.String(element, "name", path, id, required: true);
        var name = nameText is null ? null : WorkflowReader.Compile(fields, id, $"{path}.name", () => compiler.Compile<string?>(nameText, itemScope));
        var keepText = fields.String(element, "keep", path, id, required: false);
        var keep = keepText is null ? null : WorkflowReader.Compile(fields, id, $"{path}.keep", () => compiler.CompileNumber<int>(keepText, scope));
        return name is null ? (null, itemScope) : (new CompiledTarget(items, where, score, name, keep), itemScope);
    }

    private CompiledAction[] ReadActions(JsonFields fields, JsonElement card, string path, string? id, ExpressionScope scope, bool perItem)
    {
        var actions = new List<CompiledAction>();
        foreach (var (element, at) in fields.List(card, "actions", path, id, required: false))
        {
            if (!fields.IsObject(element, at, id, "an action: { kind, target, minutes, forEach }"))
            {
                continue;
            }

            fields.CheckKeys(element, at, id, ActionKeys, "an action");
            var kind = fields.String(element, "kind", at, id, required: true);
            var forEachText = fields.String(element, "forEach", at, id, required: false);
            var actionScope = scope;
            RuleFunc<IEnumerable?>? forEach = null;
            if (forEachText is not null)
            {
                if (perItem)
                {
                    fields.Error(id, $"{at}.forEach", "a per-item rule's actions already run per item; forEach is for other rules");
                    continue;
                }

                Type? elementType = null;
                forEach = WorkflowReader.Compile(fields, id, $"{at}.forEach", () => compiler.CompileCollection(forEachText, scope, out elementType));
                if (elementType is null)
                {
                    continue;
                }

                actionScope = scope.WithItem(elementType);
            }

            var targetText = fields.String(element, "target", at, id, required: false);
            var target = targetText is null ? null : Text(fields, id, $"{at}.target", targetText, actionScope);
            var minutesText = fields.String(element, "minutes", at, id, required: false);
            var minutes = minutesText is null ? null : WorkflowReader.Compile(fields, id, $"{at}.minutes", () => compiler.CompileNumber<int?>(minutesText, actionScope));
            if (kind is not null)
            {
                actions.Add(new CompiledAction(kind, forEach, target, minutes));
            }
        }

        return [.. actions];
    }

    private CompiledEscalation? ReadEscalation(JsonFields fields, JsonElement element, string path, string? id, ExpressionScope scope, List<ExplainTerm> terms)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(id, path, "must be an object: when, indicator, because");
            return null;
        }

        fields.CheckKeys(element, path, id, EscalationKeys, "an escalation");
        var whenText = fields.String(element, "when", path, id, required: true);
        var indicator = Indicator(fields, element, "indicator", path, id, required: true);
        var when = whenText is null ? null : WorkflowReader.Compile(fields, id, $"{path}.when", () => compiler.Compile<bool>(whenText, scope, terms));
        var becauseText = fields.String(element, "because", path, id, required: false);
        var because = becauseText is null ? null : Text(fields, id, $"{path}.because", becauseText, scope);
        return when is null || indicator is null ? null : new CompiledEscalation(whenText!, when, indicator.Value, because);
    }

    private Template? Text(JsonFields fields, string? id, string path, string text, ExpressionScope scope, bool markdown = false) =>
        WorkflowReader.Compile(fields, id, path, () => TemplateCompiler.Compile(compiler, text, scope, markdown));

    private static AdviceIndicator? Indicator(JsonFields fields, JsonElement obj, string key, string path, string? id, bool required)
    {
        var text = fields.String(obj, key, path, id, required);
        return text switch
        {
            null => null,
            "critical" => AdviceIndicator.Critical,
            "warning" => AdviceIndicator.Warning,
            "info" => AdviceIndicator.Info,
            _ => Fail(),
        };

        AdviceIndicator? Fail()
        {
            fields.Error(id, $"{path}.{key}", $"must be critical, warning or info (was \"{text}\")");
            return null;
        }
    }
}
