using System.Linq.Expressions;
using System.Text.Json;
using System.Text.RegularExpressions;
using RetakeAdvice.Model;
using RulesEngine.Models;

namespace RetakeAdvice.Loading;

/// <summary>
/// Reads workflow files (RulesEngine's workflow format) into compiled rules: the workflow's keys and GlobalParams,
/// each rule's keys, LocalParams and gating expression, and its Properties, either a card (<see cref="CardReader"/>)
/// or a readiness verdict. Problems are reported with file, rule and JSON path; nothing is silently ignored.
/// </summary>
internal sealed partial class WorkflowReader(ExpressionCompiler compiler, Manifest? manifest, ExpressionScope rootScope, List<RuleSetError> errors)
{
    private static readonly string[] WorkflowKeys =
        ["$schema", .. typeof(Workflow).GetProperties().Select(p => p.Name)];

    private static readonly string[] RuleKeys = typeof(Rule).GetProperties().Select(p => p.Name).ToArray();

    private static readonly string[] ParamKeys = ["Name", "Expression"];

    private static readonly string[] VerdictKeys = [ReadinessKey, "because"];

    private const string ReadinessKey = "readiness";

    private readonly CardReader _cards = new(compiler, manifest, errors);
    private readonly Dictionary<string, string> _workflowNames = new(StringComparer.Ordinal);

    /// <summary>A rule as read, with what it suppresses still as written (resolved once every file is read).</summary>
    /// <param name="Rule">The compiled rule, its index and suppressions still to set.</param>
    /// <param name="Suppresses">Its <c>suppresses</c> entries as written, with their JSON paths.</param>
    /// <param name="Fields">Its file's reader, to report problems found later at their position.</param>
    /// <param name="AlwaysHolds">The gate is a constant true (after folding): a catch-all.</param>
    public sealed record Draft(CompiledRule Rule, IReadOnlyList<(string Target, string Path)> Suppresses, JsonFields Fields, bool AlwaysHolds);

    /// <summary>Reads one workflow file; its rules are added to <paramref name="drafts"/>.</summary>
    public void Read(RuleFile file, List<Draft> drafts)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            errors.Add(JsonErrors.FromJsonException(file.Path, ex, content: file.Content));
            return;
        }

        using (document)
        {
            try
            {
                Read(file, document.RootElement, drafts);
            }
            catch (InvalidOperationException)
            {
                errors.Add(new RuleSetError { File = file.Path, Path = "$", Message = JsonFields.NotUnicode });
            }
        }
    }

    private void Read(RuleFile file, JsonElement root, List<Draft> drafts)
    {
        var fields = new JsonFields(file.Path, errors, file.Content);
        if (root.ValueKind != JsonValueKind.Object)
        {
            fields.Error(null, "$", $"a workflow file must hold a JSON object (was {JsonFields.Kind(root)})");
            return;
        }

        fields.CheckKeys(root, "$", null, WorkflowKeys, "a workflow");
        var workflowName = fields.String(root, nameof(Workflow.WorkflowName), "$", null, required: true);
        if (workflowName is not null && !_workflowNames.TryAdd(workflowName, file.Path))
        {
            fields.Error(null, "$.WorkflowName", $"the workflow '{workflowName}' is also defined in {_workflowNames[workflowName]}");
        }

        Unsupported(fields, root, nameof(Workflow.WorkflowsToInject), "$", null);
        Unsupported(fields, root, "WorkflowRulesToInject", "$", null);
        CheckExpressionType(fields, root, "$", null);

        var scope = Params(fields, root, nameof(Workflow.GlobalParams), "$", null, rootScope);
        if (!JsonFields.TryGet(root, nameof(Workflow.Rules), out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
        {
            fields.Error(null, "$.Rules", "is required: a list of rules");
            return;
        }

        var index = 0;
        foreach (var ruleElement in rulesElement.EnumerateArray())
        {
            if (ReadRule(fields, ruleElement, $"$.Rules[{index++}]", scope) is { } draft)
            {
                drafts.Add(draft);
            }
        }
    }

    private Draft? ReadRule(JsonFields fields, JsonElement element, string path, ExpressionScope workflowScope)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(null, path, $"a rule must be a JSON object (was {JsonFields.Kind(element)})");
            return null;
        }

        var id = fields.String(element, nameof(Rule.RuleName), path, null, required: true);
        if (id is not null && string.IsNullOrWhiteSpace(id))
        {
            fields.Error(null, $"{path}.RuleName", "must not be empty");
            id = null;
        }

        var before = errors.Count;
        fields.CheckKeys(element, path, id, RuleKeys, "a rule");
        Unsupported(fields, element, nameof(Rule.WorkflowsToInject), path, id);
        Unsupported(fields, element, nameof(Rule.Rules), path, id);
        Unsupported(fields, element, nameof(Rule.Operator), path, id);
        Unsupported(fields, element, nameof(Rule.Actions), path, id, "card actions go in Properties.actions");
        CheckExpressionType(fields, element, path, id);
        fields.String(element, nameof(Rule.ErrorMessage), path, id, required: false);
        fields.String(element, nameof(Rule.SuccessEvent), path, id, required: false);
        var enabled = fields.Bool(element, nameof(Rule.Enabled), path, id) ?? true;

        var scope = Params(fields, element, nameof(Rule.LocalParams), path, id, workflowScope);
        var expressionText = fields.String(element, nameof(Rule.Expression), path, id, required: true);
        var terms = new List<ExplainTerm>();
        var gateBody = expressionText is null ? null : Compile(fields, id, $"{path}.Expression", () => compiler.Parse(expressionText, scope, typeof(bool), terms));
        var gate = gateBody is null ? null : DelegateCompiler.Compile<bool>(gateBody);
        var alwaysHolds = gateBody is not null && ExpressionCompiler.TryFold(gateBody, out var constant) && constant is true;

        if (!JsonFields.TryGet(element, nameof(Rule.Properties), out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            fields.Error(id, $"{path}.Properties", "is required: an object with the card (step, category, indicator, priority, summary, …), or a readiness verdict (readiness, because)");
            return null;
        }

        var propertiesPath = $"{path}.Properties";
        CompiledCard? card = null;
        CompiledVerdict? verdict = null;
        IReadOnlyList<(string, string)> suppresses = [];
        if (JsonFields.TryGet(properties, ReadinessKey, out _))
        {
            var cardKeys = properties.EnumerateObject().Select(p => p.Name).Where(k => CardReader.IsCardKey(k) && !VerdictKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
            if (cardKeys.Length > 0)
            {
                fields.Error(id, $"{propertiesPath}.{ReadinessKey}", $"a rule's Properties are a card or a readiness verdict, not both: remove '{ReadinessKey}' to keep the card, or {string.Join(", ", cardKeys)} to make a readiness rule");
                return null;
            }

            verdict = ReadVerdict(fields, properties, propertiesPath, id, scope);
        }
        else
        {
            card = _cards.Read(fields, properties, propertiesPath, id, scope, terms);
            suppresses = CardReader.Suppresses(fields, properties, propertiesPath, id);
        }

        if ((card is null && verdict is null) || id is null || gate is null || errors.Count > before)
        {
            return null;
        }

        var rule = new CompiledRule
        {
            Id = id,
            Index = -1,
            File = fields.File,
            Path = path,
            Enabled = enabled,
            ExpressionText = expressionText!,
            Gate = gate,
            Card = card,
            Verdict = verdict,
            Terms = new(() => [.. terms.Select(t => (t.Name, DelegateCompiler.Compile<object?>(t.Value)))]),
        };
        return new Draft(rule, suppresses, fields, alwaysHolds);
    }

    /// <summary>A readiness rule's Properties: <c>readiness</c> (the status) and <c>because</c> (a template or a list of them).</summary>
    private CompiledVerdict? ReadVerdict(JsonFields fields, JsonElement properties, string path, string? id, ExpressionScope scope)
    {
        fields.CheckKeys(properties, path, id, VerdictKeys, "a readiness verdict (a readiness rule's Properties)");
        var status = fields.String(properties, ReadinessKey, path, id, required: true) switch
        {
            null => (ReadinessStatus?)null,
            "ready" => ReadinessStatus.Ready,
            "not-ready" => ReadinessStatus.NotReady,
            "unknown" => ReadinessStatus.Unknown,
            var other => Fail(other),
        };

        var because = new List<Template>();
        foreach (var (text, at) in fields.Strings(properties, "because", path, id))
        {
            if (Compile(fields, id, at, () => TemplateCompiler.Compile(compiler, text, scope)) is { } template)
            {
                because.Add(template);
            }
        }

        return status is null ? null : new CompiledVerdict(status.Value, [.. because]);

        ReadinessStatus? Fail(string text)
        {
            fields.Error(id, $"{path}.{ReadinessKey}", $"must be ready, not-ready or unknown (was \"{text}\")");
            return null;
        }
    }

    /// <summary>
    /// Compiles named expressions into a scope, each seeing the ones before it: a workflow's GlobalParams, a rule's
    /// LocalParams, the manifest's parameters and conditions (<paramref name="type"/> <see cref="bool"/>).
    /// Parameters that read no input are folded to constants.
    /// </summary>
    public ExpressionScope Params(
        JsonFields fields, IEnumerable<(string Name, string Text, string Path)> parameters, string? rule, ExpressionScope scope, Type? type = null, string nameKey = "Name", string expressionKey = "Expression")
    {
        foreach (var (name, text, at) in parameters)
        {
            if (!IdentifierPattern().IsMatch(name) || ExpressionScope.IsReserved(name) || scope.Has(name))
            {
                fields.Error(rule, $"{at}.{nameKey}", rootScope.Has(name)
                    ? $"'{name}' is already a parameter or condition of the manifest ({RuleFolder.ManifestFile}), which every workflow sees: use it, or give this one another name"
                    : $"'{name}' must be a new identifier (letters, digits, _), not profile, facts, item or another parameter's name");
                continue;
            }

            var value = Compile(fields, rule, $"{at}.{expressionKey}", () => compiler.KeptPerCall(ExpressionCompiler.FoldIfConstant(Parse(text, scope, type))));
            scope = value is not null ? scope.With(name, value) : scope.WithBroken(name, $"{fields.File} {at}.{expressionKey}");
        }

        return scope;
    }

    /// <summary>Parses a parameter; a condition (typed <see cref="bool"/>) that is not true/false says so.</summary>
    private Expression Parse(string text, ExpressionScope scope, Type? type)
    {
        try
        {
            return compiler.Parse(text, scope, type);
        }
        catch (ExpressionCompileException ex) when (type == typeof(bool))
        {
            throw new ExpressionCompileException(
                $"a condition must be true or false (compare a fact that may be unknown with == true, for example): {ex.Message}", ex.Position);
        }
    }

    private ExpressionScope Params(JsonFields fields, JsonElement owner, string key, string path, string? rule, ExpressionScope scope)
    {
        var parameters = new List<(string, string, string)>();
        foreach (var (element, at) in fields.List(owner, key, path, rule, required: false))
        {
            if (!fields.IsObject(element, at, rule, "a parameter: { Name, Expression }"))
            {
                continue;
            }

            fields.CheckKeys(element, at, rule, ParamKeys, "a parameter");
            var name = fields.String(element, "Name", at, rule, required: true);
            var text = fields.String(element, "Expression", at, rule, required: true);
            if (name is not null && text is not null)
            {
                parameters.Add((name, text, at));
            }
        }

        return Params(fields, parameters, rule, scope);
    }

    private static void Unsupported(JsonFields fields, JsonElement obj, string key, string path, string? rule, string? hint = null)
    {
        if (JsonFields.TryGet(obj, key, out var value) && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            fields.Error(rule, $"{path}.{key}", $"{key} is not supported by RetakeAdvice{(hint is null ? "" : $": {hint}")}");
        }
    }

    private static void CheckExpressionType(JsonFields fields, JsonElement obj, string path, string? rule)
    {
        if (JsonFields.TryGet(obj, nameof(Rule.RuleExpressionType), out var value)
            && !(value.ValueKind == JsonValueKind.String && value.GetString() == nameof(RuleExpressionType.LambdaExpression))
            && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n == (int)RuleExpressionType.LambdaExpression))
        {
            fields.Error(rule, $"{path}.RuleExpressionType", $"must be \"LambdaExpression\" (was {JsonFields.Kind(value)})");
        }
    }

    /// <summary>Runs a compile step; an expression that does not compile is reported at its path and position, and gives null.</summary>
    public static T? Compile<T>(JsonFields fields, string? rule, string path, Func<T> compile)
        where T : class
    {
        using var site = ThresholdProbes.At(fields.File, rule, path);
        try
        {
            return compile();
        }
        catch (ExpressionCompileException ex)
        {
            fields.Error(rule, path, ex.Message, ex.Position ?? 0);
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
