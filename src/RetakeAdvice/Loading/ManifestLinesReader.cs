using System.Text.Json;
using RetakeAdvice.Model;

namespace RetakeAdvice.Loading;

/// <summary>
/// Reads the manifest's decision lines: the failure bands (tried in order, each with its bounds and study weeks)
/// and the practice-exam verdict measures (in precedence order, each with its pass and close lines).
/// </summary>
internal static class ManifestLinesReader
{
    private static readonly string[] BoundKeys = ["above", "atLeast", "below", "atMost"];

    /// <summary>The measure names the verdict list may use: the profile's own fields of a practice exam.</summary>
    private static readonly (string Name, PracticeMeasure Measure)[] Measures =
    [
        (Facts.FactNames.ByProbability, PracticeMeasure.PassProbability),
        (Facts.FactNames.ByPercentCorrect, PracticeMeasure.PercentCorrect),
        (Facts.FactNames.ByScore, PracticeMeasure.Score),
    ];

    public static List<FailureBandDefinition> Bands(JsonFields fields, JsonElement root)
    {
        var bands = new List<FailureBandDefinition>();
        foreach (var (element, path) in fields.List(root, "failureBands", "$", null, required: true))
        {
            if (!fields.IsObject(element, path, null, "a band: { \"name\", \"pointsBelowPassing\", \"failedAttempts\", \"studyWeeks\" }"))
            {
                continue;
            }

            fields.CheckKeys(element, path, null, ["name", "pointsBelowPassing", "failedAttempts", "studyWeeks"], "a failure band");
            var name = ManifestReader.NonEmpty(fields, element, "name", path);
            var points = Bounds(fields, element, "pointsBelowPassing", path);
            var attempts = Bounds(fields, element, "failedAttempts", path);
            var weeks = Weeks(fields, element, path);
            if (name is not null && bands.Exists(b => b.Name == name))
            {
                fields.Error(null, $"{path}.name", $"the band '{name}' is listed twice");
            }
            else if (name is not null && points is not null && attempts is not null)
            {
                // Bands are tried in order: one that an earlier band covers entirely would never apply.
                var cover = bands.Find(b => b.PointsBelowPassing.Covers(points) && b.FailedAttempts.Covers(attempts));
                if (cover is not null)
                {
                    fields.Error(null, path, $"the band '{name}' never applies: bands are tried in order, and '{cover.Name}' before it holds for every failure '{name}' would; narrow '{cover.Name}' or move '{name}' before it");
                }

                bands.Add(new FailureBandDefinition(name, points, attempts, weeks));
            }
        }

        return bands;
    }

    private static Bounds? Bounds(JsonFields fields, JsonElement owner, string key, string path)
    {
        if (!JsonFields.TryGet(owner, key, out _))
        {
            return Model.Bounds.Any;
        }

        if (!fields.Object(owner, key, path, null, required: false, out var element))
        {
            return null;
        }

        var at = $"{path}.{key}";
        fields.CheckKeys(element, at, null, BoundKeys, "bounds");
        var bounds = new Bounds(
            fields.Number(element, "above", at, null, required: false),
            fields.Number(element, "atLeast", at, null, required: false),
            fields.Number(element, "below", at, null, required: false),
            fields.Number(element, "atMost", at, null, required: false));
        var low = Math.Max(bounds.Above ?? double.MinValue, bounds.AtLeast ?? double.MinValue);
        var high = Math.Min(bounds.Below ?? double.MaxValue, bounds.AtMost ?? double.MaxValue);
        if (low > high || (low == high && (bounds.Above == low || bounds.Below == high)))
        {
            fields.Error(null, at, "no value lies within these bounds");
            return null;
        }

        return bounds;
    }

    private static StudyWeeks? Weeks(JsonFields fields, JsonElement owner, string path)
    {
        if (!fields.Object(owner, "studyWeeks", path, null, required: false, out var element))
        {
            return null;
        }

        var at = $"{path}.studyWeeks";
        fields.CheckKeys(element, at, null, ["min", "max"], "study weeks");
        var min = fields.Int(element, "min", at, null, required: true, 0, 520);
        var max = fields.Int(element, "max", at, null, required: true, 0, 520);
        if (min is { } lo && max is { } hi && hi < lo)
        {
            fields.Error(null, at, "needs min <= max");
        }

        return min is null || max is null ? null : new StudyWeeks { Min = min.Value, Max = max.Value };
    }

    public static List<VerdictMeasure> Verdict(JsonFields fields, JsonElement root)
    {
        var measures = new List<VerdictMeasure>();
        foreach (var (element, path) in fields.List(root, "practiceExamVerdict", "$", null, required: true))
        {
            if (!fields.IsObject(element, path, null, "a measure: { \"measure\", \"passAtLeast\", \"closeAtLeast\" }"))
            {
                continue;
            }

            fields.CheckKeys(element, path, null, ["measure", "passAtLeast", "closeAtLeast"], "a verdict measure");
            var name = fields.String(element, "measure", path, null, required: true);
            var pass = fields.Number(element, "passAtLeast", path, null, required: true);
            var close = fields.Number(element, "closeAtLeast", path, null, required: true);
            var known = Array.FindIndex(Measures, m => m.Name == name);
            if (name is not null && known < 0)
            {
                fields.Error(null, $"{path}.measure", $"must be {string.Join(", ", Measures.Select(m => m.Name))} (was \"{name}\")");
                continue;
            }

            if (name is not null && measures.Exists(m => m.Measure == Measures[known].Measure))
            {
                fields.Error(null, $"{path}.measure", $"the measure '{name}' is listed twice");
                continue;
            }

            if (pass is { } p && close is { } c && c > p)
            {
                fields.Error(null, $"{path}.closeAtLeast", "must not be above passAtLeast");
            }

            if (name is not null && pass is not null && close is not null)
            {
                measures.Add(new VerdictMeasure(Measures[known].Measure, pass.Value, close.Value));
            }
        }

        return measures;
    }
}
