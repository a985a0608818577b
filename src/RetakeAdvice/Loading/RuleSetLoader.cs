using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Loading;

/// <summary>
/// Loads a rule folder into a <see cref="CompiledRuleSet"/>: reads the manifest, compiles its shared parameters and
/// conditions, reads every workflow file (rules, GlobalParams, LocalParams, escalations, per-item parts, text
/// placeholders, readiness verdicts, all compiled against the real types), resolves suppressions, and reports
/// every problem together with file, rule and JSON path.
/// </summary>
internal static class RuleSetLoader
{
    /// <summary>
    /// The folder's rule set: the precompiled one registered for the folder's SHA-256 when there is one (nothing is
    /// parsed), else the folder parsed and compiled.
    /// </summary>
    /// <exception cref="RuleSetException">Anything in the folder is wrong; every problem is listed.</exception>
    public static CompiledRuleSet Load(RuleFolder folder)
    {
        var sha256 = folder.ComputeSha256();
        if (Precompiled(sha256) is not { } precompiled)
        {
            return Parse(folder, probes: null, sha256);
        }

        try
        {
            return precompiled.Model();
        }
        catch (InvalidDataException ex)
        {
            // A generated file that does not read is a defect of the host's build, never served around: the folder
            // is named, and a watching host keeps its last good rule set.
            throw new RuleSetException(folder.Location, [new RuleSetError { File = ".", Message = $"the precompiled rule set {precompiled.GetType().FullName} compiled from this folder does not read: {ex.Message}" }]);
        }
    }

    /// <summary>The precompiled rule set registered for a SHA-256 that this library can read; null when there is none.</summary>
    internal static PrecompiledRuleSet? Precompiled(string sha256) =>
        PrecompiledRuleSet.Find(sha256) is { FormatVersion: PrecompiledRuleSet.CurrentFormatVersion } found ? found : null;

    /// <summary>The folder parsed and compiled, whether or not a precompiled rule set is registered for it.</summary>
    /// <exception cref="RuleSetException">Anything in the folder is wrong; every problem is listed.</exception>
    public static CompiledRuleSet Parse(RuleFolder folder) => Parse(folder, probes: null);

    /// <param name="folder">The rule folder.</param>
    /// <param name="probes">
    /// For coverage only: collects the comparisons against numeric parameters and wraps each in a call that records
    /// which side it took. A rule set loaded with probes gives the same advice, a little slower.
    /// </param>
    /// <exception cref="RuleSetException">Anything in the folder is wrong; every problem is listed.</exception>
    public static CompiledRuleSet Parse(RuleFolder folder, ThresholdProbes? probes) => Parse(folder, probes, sha256: null);

    private static CompiledRuleSet Parse(RuleFolder folder, ThresholdProbes? probes, string? sha256)
    {
        var errors = new List<RuleSetError>();
        CompiledRuleSet? result;
        using (InvariantCulture.Enter())
        {
            result = Load(folder, errors, probes, sha256);
        }

        if (errors.Count > 0 || result is null)
        {
            throw new RuleSetException(folder.Location, errors);
        }

        return result;
    }

    private static CompiledRuleSet? Load(RuleFolder folder, List<RuleSetError> errors, ThresholdProbes? probes, string? sha256)
    {
        var compiler = new ExpressionCompiler { Probes = probes };
        var manifestErrors = errors.Count;
        var read = ManifestReader.Read(folder.Manifest, errors);
        var manifest = read is null || errors.Count > manifestErrors ? null : new Manifest(read.Tables);
        compiler.KnownValues = manifest is null ? null : new KnownValues(manifest.FailureBands.Select(b => b.Name));
        compiler.ManifestFacts = manifest is null ? null : new ManifestFacts(manifest);
        if (read is null || folder.Manifest is not { } manifestFile)
        {
            // Without a manifest the workflows' shared names, steps and bands are unknown: checking them now would
            // only bury the one problem that matters under errors that follow from it.
            return null;
        }

        // The manifest's parameters, then its conditions (true/false), are seen by every workflow file.
        var shared = new WorkflowReader(compiler, manifest, ExpressionScope.Root, errors);
        var manifestFields = new JsonFields(manifestFile.Path, errors, manifestFile.Content);
        var scope = shared.Params(manifestFields, read.Parameters.Select(p => (p.Name, p.Text, p.Path)), null, ExpressionScope.Root, null, "name", "expression");
        scope = shared.Params(manifestFields, read.Conditions.Select(p => (p.Name, p.Text, p.Path)), null, scope, typeof(bool), "name", "expression");
        var workflows = new WorkflowReader(compiler, manifest, scope, errors);

        if (folder.Workflows.Count == 0)
        {
            errors.Add(new RuleSetError { File = ".", Message = "the folder has no workflow files (*.json beside ruleset.json)" });
        }

        var drafts = new List<WorkflowReader.Draft>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in folder.Workflows)
        {
            var before = drafts.Count;
            workflows.Read(file, drafts);
            for (var i = before; i < drafts.Count; i++)
            {
                var (rule, _, fields, _) = drafts[i];
                if (!ids.TryAdd(rule.Id, file.Path))
                {
                    fields.Error(rule.Id, $"{rule.Path}.RuleName", $"the rule name is already used in {ids[rule.Id]}; rule names are recommendation ids and must be unique");
                    drafts.RemoveAt(i--);
                }
            }
        }

        CheckReadinessRules(drafts);
        var resolved = errors.Count == 0 ? SuppressionResolver.Resolve(drafts, errors) : null;
        if (manifest is null || resolved is not { } r || errors.Count > 0)
        {
            return null;
        }

        var info = new RuleSetInfo { Name = manifest.Name, Version = manifest.Version, Sha256 = sha256 ?? folder.ComputeSha256() };
        return new CompiledRuleSet(info, manifest, r.Rules, r.CardOrder, [.. folder.Workflows.Select(f => f.Path)]) { KeptValues = compiler.KeptValues };
    }

    /// <summary>
    /// Readiness rules decide in their order, so they must all be in one file (an order across files would be a
    /// guess): the file that holds most of them is their home, and any elsewhere is named. A rule after one that
    /// always holds would never decide.
    /// </summary>
    private static void CheckReadinessRules(List<WorkflowReader.Draft> drafts)
    {
        var readiness = drafts.Where(d => d.Rule.Verdict is not null).ToList();
        var home = readiness.GroupBy(d => d.Rule.File).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        if (home is null)
        {
            return;
        }

        foreach (var (rule, _, fields, _) in readiness.Where(d => d.Rule.File != home.Key))
        {
            fields.Error(rule.Id, $"{rule.Path}.Properties.readiness", $"readiness rules decide in the order they are written, so they must all be in one file: move this rule into {home.Key}, which holds {home.Count()}");
        }

        var catchAll = home.FirstOrDefault(d => d.AlwaysHolds && d.Rule.Enabled);
        foreach (var (rule, _, fields, _) in home.SkipWhile(d => d != catchAll).Skip(1))
        {
            fields.Error(rule.Id, $"{rule.Path}.Expression", $"this readiness rule never decides: '{catchAll!.Rule.Id}' before it always holds; move it before '{catchAll.Rule.Id}'");
        }
    }
}
