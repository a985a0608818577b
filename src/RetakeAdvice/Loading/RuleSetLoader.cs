using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Facts;
using RulesEngine.Models;

namespace RetakeAdvice.Loading;

/// <summary>
/// Loads a rule folder into a <see cref="CompiledRuleSet"/>: reads the manifest and the workflows strictly,
/// compiles every expression (rules, GlobalParams, LocalParams, escalations, per-item parts, text placeholders)
/// against the real types, and reports every problem together with file, rule and JSON path.
/// </summary>
internal sealed partial class RuleSetLoader
{
    private static readonly string[] WorkflowKeys =
        ["$schema", .. typeof(Workflow).GetProperties().Select(p => p.Name)];

    private static readonly string[] RuleKeys = typeof(Rule).GetProperties().Select(p => p.Name).ToArray();

    private static readonly string[] ParamKeys = ["Name", "Expression"];

    private static readonly string[] CardKeys =
        ["step", "category", "indicator", "priority", "summary", "detail", "because", "actions", "source", "escalation", "target", "pin"];

    private static readonly string[] ActionKeys = ["kind", "target", "minutes", "forEach"];
    private static readonly string[] EscalationKeys = ["when", "indicator", "because"];
    private static readonly string[] TargetKeys = ["items", "where", "score", "name", "keep"];
    private static readonly string[] SourceKeys = ["label", "url"];

    private const int MaxSummaryLength = 140;
    private const string NotUnicode = "holds text that is not valid Unicode (a lone surrogate, or bytes that are not UTF-8)";
    private const string PinFirst = "first";

    private readonly ExpressionCompiler _compiler = new();
    private readonly List<RuleSetError> _errors = [];

    /// <exception cref="RuleSetException">Anything in the folder is wrong; every problem is listed.</exception>
    public static CompiledRuleSet Load(RuleFolder folder)
    {
        var loader = new RuleSetLoader();
        var result = loader.LoadCore(folder);
        if (loader._errors.Count > 0 || result is null)
        {
            throw new RuleSetException(folder.Location, loader._errors);
        }

        return result;
    }

    private CompiledRuleSet? LoadCore(RuleFolder folder)
    {
        var (manifest, readiness) = LoadManifest(folder.Manifest);
        var rules = new List<CompiledRule>();
        var workflows = new List<Workflow>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (folder.Workflows.Count == 0)
        {
            _errors.Add(new RuleSetError(".", null, null, null, null, "the folder has no workflow files (*.json beside ruleset.json)"));
        }

        foreach (var file in folder.Workflows)
        {
            var workflow = LoadWorkflow(file, manifest, rules, ids, names);
            if (workflow is not null)
            {
                workflows.Add(workflow);
            }
        }

        if (manifest is null || readiness is null || _errors.Count > 0)
        {
            return null;
        }

        var info = new RuleSetInfo { Name = manifest.Name, Version = manifest.Version, Sha256 = folder.ComputeSha256() };
        return new CompiledRuleSet(info, manifest, readiness, [.. rules], [.. workflows], [.. folder.Workflows.Select(f => f.Path)]);
    }

    private (Manifest?, ReadinessTexts?) LoadManifest(RuleFile? file)
    {
        const string Name = RuleFolder.ManifestFile;
        if (file is null)
        {
            _errors.Add(new RuleSetError(Name, null, null, null, null, "the manifest is missing"));
            return (null, null);
        }

        ManifestModel? model;
        try
        {
            model = ManifestFastReader.TryRead(file.Content) ?? JsonSerializer.Deserialize(file.Content, RuleSetJsonContext.Default.ManifestModel);
        }
        catch (JsonException ex)
        {
            _errors.Add(FromJsonException(Name, ex, typeof(ManifestModel)));
            return (null, null);
        }
        catch (InvalidOperationException)
        {
            _errors.Add(new RuleSetError(Name, null, "$", null, null, NotUnicode));
            return (null, null);
        }

        if (model is null)
        {
            _errors.Add(new RuleSetError(Name, null, "$", null, null, "must be a JSON object"));
            return (null, null);
        }

        var fields = new JsonFields(Name, _errors, file.Content);
        var before = _errors.Count;
        CheckManifest(model, fields);

        var noAttemptsLeft = Text(fields, model.Readiness.NoAttemptsLeft, "$.readiness.noAttemptsLeft");
        var latestNotPassing = Text(fields, model.Readiness.LatestNotPassing, "$.readiness.latestNotPassing");
        var noneSinceFailure = Text(fields, model.Readiness.NoneSinceFailure, "$.readiness.noneSinceFailure");
        var latestPassed = Text(fields, model.Readiness.LatestPassed, "$.readiness.latestPassed");
        var unknown = Text(fields, model.Readiness.Unknown, "$.readiness.unknown");
        if (_errors.Count > before)
        {
            return (null, null);
        }

        var readiness = new ReadinessTexts(noAttemptsLeft!, latestNotPassing!, noneSinceFailure!, latestPassed!, unknown!);

        var weeks = new Dictionary<string, StudyWeeks?>(StringComparer.Ordinal)
        {
            [FactNames.Near] = Weeks(model.StudyWeeks.Near),
            [FactNames.Moderate] = Weeks(model.StudyWeeks.Moderate),
            [FactNames.Low] = Weeks(model.StudyWeeks.Low),
        };
        var verdict = model.PracticeExamVerdict;
        var manifest = new Manifest(
            model.Name,
            model.Version,
            model.Source.Label,
            model.Source.Url,
            model.PassingStandards.Select(s => (s.From, s.Score)),
            model.AttemptLimit,
            model.FailureBands.NearMaxPoints,
            model.FailureBands.LowMinPoints,
            weeks,
            new PracticeVerdictLines(verdict.PassProbability, verdict.CloseProbability, verdict.PassPercentCorrect, verdict.ClosePercentCorrectMargin, verdict.CloseScoreMargin),
            model.Resources.Core,
            model.Resources.Aliases.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value),
            model.DisciplineWeights.Default,
            model.DisciplineWeights.Weights,
            model.CompetitiveSpecialties,
            model.CrisisLines.Select(c => new CrisisLine(c.Name, c.Contact, c.How)).ToArray());
        return (manifest, readiness);

        static StudyWeeks? Weeks(WeeksModel? w) => w is null ? null : new StudyWeeks { Min = w.Min, Max = w.Max };
    }

    private static void CheckManifest(ManifestModel m, JsonFields fields)
    {
        void Require(bool ok, string path, string message)
        {
            if (!ok)
            {
                fields.Error(null, path, message);
            }
        }

        Require(!string.IsNullOrWhiteSpace(m.Name), "$.name", "must not be empty");
        Require(!string.IsNullOrWhiteSpace(m.Version), "$.version", "must not be empty");
        Require(!string.IsNullOrWhiteSpace(m.Source.Label), "$.source.label", "must not be empty");
        Require(m.PassingStandards.Count > 0, "$.passingStandards", "must list at least one standard");
        if (NullItem(m.PassingStandards, "$.passingStandards", fields) | NullItem(m.CrisisLines, "$.crisisLines", fields)
            | NullItem(m.Resources.Aliases.Values.ToList(), "$.resources.aliases", fields))
        {
            return;
        }

        for (var i = 0; i < m.PassingStandards.Count; i++)
        {
            Require(m.PassingStandards[i].Score is >= 1 and <= 300, $"$.passingStandards[{i}].score", $"must be from 1 to 300 (was {m.PassingStandards[i].Score})");
            Require(i == 0 || m.PassingStandards[i].From > m.PassingStandards[i - 1].From, $"$.passingStandards[{i}].from", "must be later than the entry before it");
        }

        Require(m.AttemptLimit >= 1, "$.attemptLimit", $"must be at least 1 (was {m.AttemptLimit})");
        Require(m.FailureBands.NearMaxPoints > 0, "$.failureBands.nearMaxPoints", "must be above 0");
        Require(m.FailureBands.LowMinPoints > m.FailureBands.NearMaxPoints, "$.failureBands.lowMinPoints", "must be above nearMaxPoints");
        foreach (var (band, weeks) in new[] { ("near", m.StudyWeeks.Near), ("moderate", m.StudyWeeks.Moderate), ("low", m.StudyWeeks.Low) })
        {
            Require(weeks is null || (weeks.Min >= 0 && weeks.Max >= weeks.Min), $"$.studyWeeks.{band}", "needs 0 <= min <= max");
        }

        var v = m.PracticeExamVerdict;
        Require(v.PassProbability is > 0 and <= 1, "$.practiceExamVerdict.passProbability", "must be above 0 and at most 1");
        Require(v.CloseProbability >= 0 && v.CloseProbability <= v.PassProbability, "$.practiceExamVerdict.closeProbability", "must be from 0 to passProbability");
        Require(v.PassPercentCorrect is > 0 and <= 100, "$.practiceExamVerdict.passPercentCorrect", "must be above 0 and at most 100");
        Require(v.ClosePercentCorrectMargin >= 0, "$.practiceExamVerdict.closePercentCorrectMargin", "must not be negative");
        Require(v.CloseScoreMargin >= 0, "$.practiceExamVerdict.closeScoreMargin", "must not be negative");
        Require(m.Resources.Core.TrueForAll(c => !string.IsNullOrWhiteSpace(c)), "$.resources.core", "must not hold empty names");
        foreach (var (canonical, spellings) in m.Resources.Aliases)
        {
            Require(!string.IsNullOrWhiteSpace(canonical) && spellings.TrueForAll(s => !string.IsNullOrWhiteSpace(s)), $"$.resources.aliases['{canonical}']", "must not hold empty names");
        }

        Require(m.DisciplineWeights.Default >= 0, "$.disciplineWeights.default", "must not be negative");
        foreach (var (discipline, weight) in m.DisciplineWeights.Weights)
        {
            Require(weight >= 0, $"$.disciplineWeights.weights['{discipline}']", "must not be negative");
        }

        for (var i = 0; i < m.CrisisLines.Count; i++)
        {
            Require(!string.IsNullOrWhiteSpace(m.CrisisLines[i].Name) && !string.IsNullOrWhiteSpace(m.CrisisLines[i].Contact), $"$.crisisLines[{i}]", "needs a name and a contact");
        }
    }

    /// <returns>Whether the list holds a null item (reported).</returns>
    private static bool NullItem<T>(List<T> items, string path, JsonFields fields)
    {
        var index = items.FindIndex(item => item is null);
        if (index >= 0)
        {
            fields.Error(null, $"{path}[{index}]", "must not be null");
        }

        return index >= 0;
    }

    private Workflow? LoadWorkflow(RuleFile file, Manifest? manifest, List<CompiledRule> rules, Dictionary<string, string> ids, Dictionary<string, string> names)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            _errors.Add(FromJsonException(file.Path, ex));
            return null;
        }

        using (document)
        {
            try
            {
                return LoadWorkflow(file, document.RootElement, manifest, rules, ids, names);
            }
            catch (InvalidOperationException)
            {
                _errors.Add(new RuleSetError(file.Path, null, "$", null, null, NotUnicode));
                return null;
            }
        }
    }

    private Workflow? LoadWorkflow(RuleFile file, JsonElement root, Manifest? manifest, List<CompiledRule> rules, Dictionary<string, string> ids, Dictionary<string, string> names)
    {
        var fields = new JsonFields(file.Path, _errors, file.Content);
        if (root.ValueKind != JsonValueKind.Object)
        {
            fields.Error(null, "$", $"a workflow file must hold a JSON object (was {JsonFields.Kind(root)})");
            return null;
        }

        fields.CheckKeys(root, "$", null, WorkflowKeys, "a workflow");
        var workflowName = fields.String(root, nameof(Workflow.WorkflowName), "$", null, required: true);
        if (workflowName is not null && !names.TryAdd(workflowName, file.Path))
        {
            fields.Error(null, "$.WorkflowName", $"the workflow '{workflowName}' is also defined in {names[workflowName]}");
        }

        Unsupported(fields, root, nameof(Workflow.WorkflowsToInject), "$", null);
        Unsupported(fields, root, "WorkflowRulesToInject", "$", null);
        CheckExpressionType(fields, root, "$", null);

        var (scope, globalParams) = Params(fields, root, nameof(Workflow.GlobalParams), "$", null, ExpressionScope.Root);
        var workflow = new Workflow { WorkflowName = workflowName, GlobalParams = globalParams, Rules = [] };
        if (!JsonFields.TryGet(root, nameof(Workflow.Rules), out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
        {
            fields.Error(null, "$.Rules", "is required: a list of rules");
            return workflow;
        }

        var rulesEngineRules = new List<Rule>();
        var index = 0;
        foreach (var ruleElement in rulesElement.EnumerateArray())
        {
            var path = $"$.Rules[{index++}]";
            var compiled = LoadRule(fields, ruleElement, path, scope, manifest, out var rule);
            if (rule is not null)
            {
                rulesEngineRules.Add(rule);
            }

            if (compiled is null)
            {
                continue;
            }

            if (!ids.TryAdd(compiled.Id, file.Path))
            {
                fields.Error(compiled.Id, $"{path}.RuleName", $"the rule name is already used in {ids[compiled.Id]}; rule names are recommendation ids and must be unique");
                continue;
            }

            rules.Add(compiled);
        }

        workflow.Rules = rulesEngineRules;
        return workflow;
    }

    private CompiledRule? LoadRule(JsonFields fields, JsonElement element, string path, ExpressionScope workflowScope, Manifest? manifest, out Rule? rule)
    {
        rule = null;
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

        var before = _errors.Count;
        fields.CheckKeys(element, path, id, RuleKeys, "a rule");
        Unsupported(fields, element, nameof(Rule.WorkflowsToInject), path, id);
        Unsupported(fields, element, nameof(Rule.Rules), path, id);
        Unsupported(fields, element, nameof(Rule.Operator), path, id);
        Unsupported(fields, element, nameof(Rule.Actions), path, id, "card actions go in Properties.actions");
        CheckExpressionType(fields, element, path, id);
        fields.String(element, nameof(Rule.ErrorMessage), path, id, required: false);
        fields.String(element, nameof(Rule.SuccessEvent), path, id, required: false);
        var enabled = fields.Bool(element, nameof(Rule.Enabled), path, id) ?? true;

        var (scope, localParams) = Params(fields, element, nameof(Rule.LocalParams), path, id, workflowScope);
        var expressionText = fields.String(element, nameof(Rule.Expression), path, id, required: true);
        RuleFunc<bool>? gate = null;
        var terms = new List<ExplainTerm>();
        if (expressionText is not null)
        {
            gate = CompileOr(fields, id, $"{path}.Expression", () => _compiler.Compile<bool>(expressionText, scope, terms));
        }

        rule = new Rule
        {
            RuleName = id,
            Expression = expressionText,
            Enabled = enabled,
            LocalParams = localParams,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
        };

        if (!JsonFields.TryGet(element, nameof(Rule.Properties), out var card) || card.ValueKind != JsonValueKind.Object)
        {
            fields.Error(id, $"{path}.Properties", "is required: an object with the card (step, category, indicator, priority, summary, …)");
            return null;
        }

        var compiled = LoadCard(fields, card, $"{path}.Properties", id, scope, manifest, terms);
        if (compiled is null || id is null || gate is null || _errors.Count > before)
        {
            return null;
        }

        return new CompiledRule
        {
            Id = id,
            File = fields.File,
            Path = path,
            Enabled = enabled,
            ExpressionText = expressionText!,
            Gate = gate,
            Step = compiled.Step,
            Category = compiled.Category,
            Indicator = compiled.Indicator,
            Priority = compiled.Priority,
            Summary = compiled.Summary,
            Detail = compiled.Detail,
            Because = compiled.Because,
            Actions = compiled.Actions,
            Source = compiled.Source,
            Escalation = compiled.Escalation,
            Target = compiled.Target,
            PinFirst = compiled.PinFirst,
            Terms = new(() => [.. terms.Select(t => (t.Name, ExpressionCompiler.Compile<object?>(t.Value)))]),
            ConstantBecause = Array.TrueForAll(compiled.Because, t => t.IsConstant)
                ? Array.AsReadOnly(compiled.Because.Select(t => t.ConstantText!).Where(t => !string.IsNullOrWhiteSpace(t)).ToArray())
                : null,
            ConstantActions = Array.TrueForAll(compiled.Actions, a => a.ForEach is null && a.Minutes is null && (a.Target is null || a.Target.IsConstant))
                ? Array.AsReadOnly(compiled.Actions.Select(a => new AdviceAction { Kind = a.Kind, Target = a.Target?.ConstantText }).ToArray())
                : null,
        };
    }

    private sealed record Card(
        int Step,
        string Category,
        AdviceIndicator Indicator,
        int Priority,
        Template Summary,
        Template? Detail,
        Template[] Because,
        CompiledAction[] Actions,
        AdviceSource Source,
        CompiledEscalation? Escalation,
        CompiledTarget? Target,
        bool PinFirst);

    private Card? LoadCard(JsonFields fields, JsonElement card, string path, string? id, ExpressionScope scope, Manifest? manifest, List<ExplainTerm> terms)
    {
        var before = _errors.Count;
        fields.CheckKeys(card, path, id, CardKeys, "a card (Properties)");
        var step = fields.Int(card, "step", path, id, required: true, 1, 7);
        var category = fields.String(card, "category", path, id, required: true);
        var indicator = Indicator(fields, card, "indicator", path, id, required: true);
        var priority = fields.Int(card, "priority", path, id, required: true, 0, 100);

        // The per-item part comes first: it types `item` for the texts and actions.
        CompiledTarget? target = null;
        var textScope = scope;
        if (JsonFields.TryGet(card, "target", out var targetElement))
        {
            (target, textScope) = LoadTarget(fields, targetElement, $"{path}.target", id, scope);
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

        var summary = summaryText is null ? null : CompileOr(fields, id, $"{path}.summary", () => TemplateCompiler.Compile(_compiler, summaryText, textScope));
        var detailText = fields.String(card, "detail", path, id, required: false);
        var detail = detailText is null ? null : CompileOr(fields, id, $"{path}.detail", () => TemplateCompiler.Compile(_compiler, detailText, textScope));
        var because = new List<Template>();
        foreach (var (text, at) in fields.Strings(card, "because", path, id))
        {
            if (CompileOr(fields, id, at, () => TemplateCompiler.Compile(_compiler, text, textScope)) is { } template)
            {
                because.Add(template);
            }
        }

        var actions = LoadActions(fields, card, path, id, textScope, target is not null);
        var escalation = JsonFields.TryGet(card, "escalation", out var escalationElement)
            ? LoadEscalation(fields, escalationElement, $"{path}.escalation", id, scope, terms)
            : null;

        AdviceSource? source = null;
        if (JsonFields.TryGet(card, "source", out var sourceElement))
        {
            if (sourceElement.ValueKind != JsonValueKind.Object)
            {
                fields.Error(id, $"{path}.source", "must be an object with a label and an optional url");
            }
            else
            {
                fields.CheckKeys(sourceElement, $"{path}.source", id, SourceKeys, "a source");
                var label = fields.String(sourceElement, "label", $"{path}.source", id, required: true);
                var url = fields.String(sourceElement, "url", $"{path}.source", id, required: false);
                source = label is null ? null : new AdviceSource { Label = label, Url = url };
            }
        }
        else if (manifest is not null && step is { } s)
        {
            source = new AdviceSource { Label = manifest.SourceLabel.Replace("{step}", s.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Url = manifest.SourceUrl };
        }

        var pin = fields.String(card, "pin", path, id, required: false);
        if (pin is not null && pin != PinFirst)
        {
            fields.Error(id, $"{path}.pin", $"the only pin is \"{PinFirst}\" (was \"{pin}\")");
        }

        if (_errors.Count > before || step is null || category is null || indicator is null || priority is null || summary is null || source is null)
        {
            return null;
        }

        return new Card(step.Value, category, indicator.Value, priority.Value, summary, detail, [.. because], actions, source, escalation, target, pin == PinFirst);
    }

    private (CompiledTarget?, ExpressionScope) LoadTarget(JsonFields fields, JsonElement element, string path, string? id, ExpressionScope scope)
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
        var items = CompileOr(fields, id, $"{path}.items", () => _compiler.CompileCollection(itemsText, scope, out elementType));
        if (items is null || elementType is null)
        {
            return (null, scope);
        }

        var itemScope = scope.WithItem(elementType);
        var whereText = fields.String(element, "where", path, id, required: false);
        var where = whereText is null ? null : CompileOr(fields, id, $"{path}.where", () => _compiler.Compile<bool>(whereText, itemScope));
        var scoreText = fields.String(element, "score", path, id, required: false);
        var score = scoreText is null ? null : CompileOr(fields, id, $"{path}.score", () => _compiler.CompileNumber<double>(scoreText, itemScope));
        var nameText = fields.String(element, "name", path, id, required: true);
        var name = nameText is null ? null : CompileOr(fields, id, $"{path}.name", () => _compiler.Compile<string?>(nameText, itemScope));
        var keepText = fields.String(element, "keep", path, id, required: false);
        var keep = keepText is null ? null : CompileOr(fields, id, $"{path}.keep", () => _compiler.CompileNumber<int>(keepText, scope));
        return name is null ? (null, itemScope) : (new CompiledTarget(items, where, score, name, keep), itemScope);
    }

    private CompiledAction[] LoadActions(JsonFields fields, JsonElement card, string path, string? id, ExpressionScope scope, bool perItem)
    {
        if (!JsonFields.TryGet(card, "actions", out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            fields.Error(id, $"{path}.actions", "must be a list of actions");
            return [];
        }

        var actions = new List<CompiledAction>();
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = $"{path}.actions[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Error(id, at, "an action must be an object: kind, target, minutes, forEach");
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
                forEach = CompileOr(fields, id, $"{at}.forEach", () => _compiler.CompileCollection(forEachText, scope, out elementType));
                if (elementType is null)
                {
                    continue;
                }

                actionScope = scope.WithItem(elementType);
            }

            var targetText = fields.String(element, "target", at, id, required: false);
            var target = targetText is null ? null : CompileOr(fields, id, $"{at}.target", () => TemplateCompiler.Compile(_compiler, targetText, actionScope));
            var minutesText = fields.String(element, "minutes", at, id, required: false);
            var minutes = minutesText is null ? null : CompileOr(fields, id, $"{at}.minutes", () => _compiler.CompileNumber<int?>(minutesText, actionScope));
            if (kind is not null)
            {
                actions.Add(new CompiledAction(kind, forEach, target, minutes));
            }
        }

        return [.. actions];
    }

    private CompiledEscalation? LoadEscalation(JsonFields fields, JsonElement element, string path, string? id, ExpressionScope scope, List<ExplainTerm> terms)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(id, path, "must be an object: when, indicator, because");
            return null;
        }

        fields.CheckKeys(element, path, id, EscalationKeys, "an escalation");
        var whenText = fields.String(element, "when", path, id, required: true);
        var indicator = Indicator(fields, element, "indicator", path, id, required: true);
        var when = whenText is null ? null : CompileOr(fields, id, $"{path}.when", () => _compiler.Compile<bool>(whenText, scope, terms));
        var becauseText = fields.String(element, "because", path, id, required: false);
        var because = becauseText is null ? null : CompileOr(fields, id, $"{path}.because", () => TemplateCompiler.Compile(_compiler, becauseText, scope));
        return when is null || indicator is null ? null : new CompiledEscalation(whenText!, when, indicator.Value, because);
    }

    private (ExpressionScope, List<ScopedParam>) Params(JsonFields fields, JsonElement owner, string key, string path, string? rule, ExpressionScope scope)
    {
        var result = new List<ScopedParam>();
        if (!JsonFields.TryGet(owner, key, out var list))
        {
            return (scope, result);
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            fields.Error(rule, $"{path}.{key}", "must be a list of { Name, Expression }");
            return (scope, result);
        }

        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = $"{path}.{key}[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Error(rule, at, "a parameter must be an object: { Name, Expression }");
                continue;
            }

            fields.CheckKeys(element, at, rule, ParamKeys, "a parameter");
            var name = fields.String(element, "Name", at, rule, required: true);
            var text = fields.String(element, "Expression", at, rule, required: true);
            if (name is null || text is null)
            {
                continue;
            }

            if (!IdentifierPattern().IsMatch(name) || ExpressionScope.IsReserved(name) || scope.Has(name))
            {
                fields.Error(rule, $"{at}.Name", $"'{name}' must be a new identifier (letters, digits, _), not profile, facts, item or another parameter's name");
                continue;
            }

            result.Add(new ScopedParam { Name = name, Expression = text });
            var value = CompileOr(fields, rule, $"{at}.Expression", () => ExpressionCompiler.FoldIfConstant(_compiler.Parse(text, scope, null)));
            if (value is not null)
            {
                scope = scope.With(name, value);
            }
        }

        return (scope, result);
    }

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

    private Template? Text(JsonFields fields, string text, string path) =>
        CompileOr(fields, null, path, () => TemplateCompiler.Compile(_compiler, text, ExpressionScope.Root));

    private static T? CompileOr<T>(JsonFields fields, string? rule, string path, Func<T> compile)
        where T : class
    {
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

    internal static RuleSetError FromJsonException(string file, JsonException ex, Type? model = null)
    {
        var message = TypeNamePattern().Replace(Json.JsonText.FirstSentence(ex), string.Empty);
        if (ConvertedToPattern().Match(message) is { Success: true } converted)
        {
            var expected = model is not null && ex.Path is not null && TypeAt(model, ex.Path) is { } type ? Expected(type) : Expected(converted.Groups[1].Value);
            message = $"has the wrong type: expected {expected}";
        }

        return new RuleSetError(file, null, ex.Path, ex.LineNumber + 1 is { } line ? (int)line : null, ex.BytePositionInLine + 1 is { } column ? (int)column : null, message);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@" (?:for|contained in) type '[^']*'")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^The JSON value could not be converted to ([^\s]+?)\.?$")]
    private static partial Regex ConvertedToPattern();

    /// <summary>The .NET type a JSON path leads to in a model, by property names (ignoring case), list indexes and dictionary keys.</summary>
    private static string? TypeAt(Type model, string path)
    {
        var type = model;
        foreach (Match segment in PathSegmentPattern().Matches(path))
        {
            if (segment.Groups["index"].Success || segment.Groups["key"].Success)
            {
                type = type.IsGenericType ? type.GetGenericArguments()[^1] : null;
            }
            else
            {
                type = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, segment.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == model ? null : type.FullName;
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z_$][\w$]*)|\[(?<index>\d+)\]|\['(?<key>[^']*)'\]")]
    private static partial Regex PathSegmentPattern();

    /// <summary>What a .NET type named in a System.Text.Json message is, in a rule author's words.</summary>
    private static string Expected(string typeName) => typeName switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" or "System.Single" => "a number",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.DateOnly" => "a date written yyyy-MM-dd",
        _ when typeName.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "a list",
        _ => "an object",
    };
}

/// <summary>The readiness reasons from the manifest, compiled.</summary>
internal sealed record ReadinessTexts(Template NoAttemptsLeft, Template LatestNotPassing, Template NoneSinceFailure, Template LatestPassed, Template Unknown);
