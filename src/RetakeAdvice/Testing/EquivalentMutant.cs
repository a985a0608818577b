using System.Text.Json;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Testing;

/// <summary>
/// A test file's statement that a mutant changes nothing a student sees, with the reason:
/// <c>{ "kind": "parameter-raised", "parameter": "lowerAreaScore", "because": "only the order of the two scores matters" }</c>.
/// </summary>
internal sealed record EquivalentMutant(string File, string Path, MutantKind Kind, string Name, string Because)
{
    public static readonly IReadOnlyDictionary<string, MutantKind> Kinds = new Dictionary<string, MutantKind>(StringComparer.Ordinal)
    {
        ["rule-off"] = MutantKind.RuleOff,
        ["rule-forced-on"] = MutantKind.RuleForcedOn,
        ["escalation-flipped"] = MutantKind.EscalationFlipped,
        ["parameter-raised"] = MutantKind.ParameterRaised,
        ["parameter-lowered"] = MutantKind.ParameterLowered,
    };

    public static string KindName(MutantKind kind) => Kinds.First(k => k.Value == kind).Key;

    public bool Matches(RuleMutant mutant) =>
        mutant.Kind == Kind && (IsRuleKind(Kind) ? mutant.Rule == Name : mutant.Parameter == Name);

    public static EquivalentMutant? Read(JsonFields fields, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(null, path, "must be an object { kind, rule or parameter, because }");
            return null;
        }

        fields.CheckKeys(element, path, null, ["kind", "rule", "parameter", "because"], "an equivalent mutant");
        var kindText = fields.String(element, "kind", path, null, required: true);
        var because = fields.String(element, "because", path, null, required: true);
        if (because is { Length: 0 } || (because is not null && string.IsNullOrWhiteSpace(because)))
        {
            fields.Error(null, $"{path}.because", "must say why the change cannot alter the advice");
            because = null;
        }

        if (kindText is null || because is null)
        {
            return null;
        }

        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            fields.Error(null, $"{path}.kind", $"must be one of {string.Join(", ", Kinds.Keys)} (was \"{kindText}\")");
            return null;
        }

        var key = IsRuleKind(kind) ? "rule" : "parameter";
        var other = IsRuleKind(kind) ? "parameter" : "rule";
        if (JsonFields.TryGet(element, other, out _))
        {
            fields.Error(null, $"{path}.{other}", $"a {kindText} mutant is named by its {key}, not its {other}");
            return null;
        }

        var name = fields.String(element, key, path, null, required: true);
        return name is null ? null : new EquivalentMutant(fields.File, path, kind, name, because);
    }

    private static bool IsRuleKind(MutantKind kind) => kind is MutantKind.RuleOff or MutantKind.RuleForcedOn or MutantKind.EscalationFlipped;
}
