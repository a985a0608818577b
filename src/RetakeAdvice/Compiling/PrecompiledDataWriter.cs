using System.Text;
using System.Text.Json;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;

namespace RetakeAdvice.Compiling;

/// <summary>
/// Writes a loaded rule set as the data of a precompiled one: everything the loader built that is not code (ids,
/// files and paths, the card's fixed parts, the literal parts of texts, the suppressions and evaluation order, the
/// manifest as written), with each compiled expression as the number of a delegate. <see cref="PrecompiledDataReader"/>
/// reads it back into the same model; the delegates are the generated methods.
/// </summary>
internal sealed class PrecompiledDataWriter
{
    private readonly Utf8JsonWriter _json;
    private readonly List<(CompiledRule Rule, string Path, Delegate Compiled)> _delegates = [];
    private CompiledRule? _rule;

    private PrecompiledDataWriter(Utf8JsonWriter json) => _json = json;

    /// <summary>The data, and the delegates it numbers, each with its rule and the JSON path of its expression in the rule.</summary>
    public static (byte[] Data, IReadOnlyList<(CompiledRule Rule, string Path, Delegate Compiled)> Delegates) Write(CompiledRuleSet rules, RuleFile manifest)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            new PrecompiledDataWriter(json).RuleSet(rules, manifest, out var delegates);
            json.Flush();
            return (buffer.ToArray(), delegates);
        }
    }

    private void RuleSet(CompiledRuleSet rules, RuleFile manifest, out IReadOnlyList<(CompiledRule, string, Delegate)> delegates)
    {
        _json.WriteStartObject();
        _json.WriteString(PrecompiledData.Sha256, rules.Info.Sha256);
        _json.WriteString(PrecompiledData.Manifest, Encoding.UTF8.GetString(manifest.Content));
        Strings(PrecompiledData.Files, rules.WorkflowFiles);
        _json.WriteStartArray(PrecompiledData.Rules);
        foreach (var rule in rules.Rules)
        {
            Rule(rule);
        }

        _json.WriteEndArray();
        _json.WriteStartArray(PrecompiledData.CardOrder);
        foreach (var rule in rules.CardOrder)
        {
            _json.WriteNumberValue(rule.Index);
        }

        _json.WriteEndArray();
        _json.WriteNumber(PrecompiledData.Kept, rules.KeptValues);
        _json.WriteEndObject();
        delegates = _delegates;
    }

    private void Rule(CompiledRule rule)
    {
        _rule = rule;
        _json.WriteStartObject();
        _json.WriteString(PrecompiledData.Id, rule.Id);
        _json.WriteString(PrecompiledData.File, rule.File);
        _json.WriteString(PrecompiledData.Path, rule.Path);
        _json.WriteBoolean(PrecompiledData.Enabled, rule.Enabled);
        _json.WriteString(PrecompiledData.Expression, rule.ExpressionText);
        Code(PrecompiledData.Gate, rule.Gate, "Expression");
        _json.WriteStartArray(PrecompiledData.Terms);
        foreach (var (name, value) in rule.Terms.Value)
        {
            _json.WriteStartObject();
            _json.WriteString(PrecompiledData.Name, name);
            Code(PrecompiledData.Value, value, "Expression");
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        if (rule.Card is { } card)
        {
            Card(card);
        }

        if (rule.Verdict is { } verdict)
        {
            _json.WriteStartObject(PrecompiledData.Verdict);
            _json.WriteString(PrecompiledData.Status, verdict.Status.ToString());
            Templates(PrecompiledData.Because, verdict.Because, "Properties.because");
            _json.WriteEndObject();
        }

        if (rule.Suppresses is { } suppresses)
        {
            _json.WriteStartObject(PrecompiledData.Suppresses);
            _json.WriteStartArray(PrecompiledData.Rules);
            foreach (var index in suppresses.Rules)
            {
                _json.WriteNumberValue(index);
            }

            _json.WriteEndArray();
            _json.WriteBoolean(PrecompiledData.StudyWeeks, suppresses.StudyWeeks);
            _json.WriteEndObject();
        }

        _json.WriteEndObject();
    }

    private void Card(CompiledCard card)
    {
        _json.WriteStartObject(PrecompiledData.Card);
        _json.WriteNumber(PrecompiledData.Step, card.Step);
        _json.WriteString(PrecompiledData.Category, card.Category);
        _json.WriteString(PrecompiledData.Indicator, card.Indicator.ToString());
        _json.WriteNumber(PrecompiledData.Priority, card.Priority);
        _json.WriteBoolean(PrecompiledData.Pin, card.PinFirst);
        Template(PrecompiledData.Summary, card.Summary, "Properties.summary");
        if (card.Detail is { } detail)
        {
            Template(PrecompiledData.Detail, detail, "Properties.detail");
        }

        Templates(PrecompiledData.Because, card.Because, "Properties.because");
        _json.WriteStartArray(PrecompiledData.Actions);
        foreach (var action in card.Actions)
        {
            _json.WriteStartObject();
            _json.WriteString(PrecompiledData.Kind, action.Kind);
            OptionalCode(PrecompiledData.ForEach, action.ForEach, "Properties.actions");
            if (action.Target is { } target)
            {
                Template(PrecompiledData.Target, target, "Properties.actions");
            }

            OptionalCode(PrecompiledData.Minutes, action.Minutes, "Properties.actions");
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartObject(PrecompiledData.Source);
        _json.WriteString(PrecompiledData.Label, card.Source.Label);
        if (card.Source.Url is { } url)
        {
            _json.WriteString(PrecompiledData.Url, url);
        }

        _json.WriteEndObject();
        if (card.Escalation is { } escalation)
        {
            _json.WriteStartObject(PrecompiledData.Escalation);
            _json.WriteString(PrecompiledData.When, escalation.WhenText);
            Code(PrecompiledData.Gate, escalation.When, "Properties.escalation.when");
            _json.WriteString(PrecompiledData.Indicator, escalation.Indicator.ToString());
            if (escalation.Because is { } because)
            {
                Template(PrecompiledData.Because, because, "Properties.escalation.because");
            }

            _json.WriteEndObject();
        }

        if (card.Target is { } perItem)
        {
            _json.WriteStartObject(PrecompiledData.Target);
            Code(PrecompiledData.Items, perItem.Items, "Properties.target.items");
            OptionalCode(PrecompiledData.Where, perItem.Where, "Properties.target.where");
            OptionalCode(PrecompiledData.Score, perItem.Score, "Properties.target.score");
            Code(PrecompiledData.Name, perItem.Name, "Properties.target.name");
            OptionalCode(PrecompiledData.Keep, perItem.Keep, "Properties.target.keep");
            _json.WriteEndObject();
        }

        _json.WriteEndObject();
    }

    private void Templates(string property, IEnumerable<Template> templates, string where)
    {
        _json.WriteStartArray(property);
        foreach (var template in templates)
        {
            Template(null, template, where);
        }

        _json.WriteEndArray();
    }

    private void Template(string? property, Template template, string where)
    {
        if (property is null)
        {
            _json.WriteStartObject();
        }
        else
        {
            _json.WriteStartObject(property);
        }

        if (template.Choose is { } choose)
        {
            Code(PrecompiledData.Choose, choose, where);
            Strings(PrecompiledData.Choices, template.Choices!);
        }
        else if (template.Whole is { } whole)
        {
            Code(PrecompiledData.Whole, whole, where);
        }
        else
        {
            Strings(PrecompiledData.Literals, template.Literals);
            _json.WriteStartArray(PrecompiledData.Writers);
            foreach (var writer in template.Writers)
            {
                _json.WriteNumberValue(Number(writer, where));
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
    }

    private void Strings(string property, IEnumerable<string> values)
    {
        _json.WriteStartArray(property);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    private void OptionalCode(string property, Delegate? compiled, string where)
    {
        if (compiled is not null)
        {
            Code(property, compiled, where);
        }
    }

    private void Code(string property, Delegate compiled, string where) => _json.WriteNumber(property, Number(compiled, where));

    private int Number(Delegate compiled, string where)
    {
        _delegates.Add((_rule!, $"{_rule!.Path}.{where}", compiled));
        return _delegates.Count - 1;
    }
}
