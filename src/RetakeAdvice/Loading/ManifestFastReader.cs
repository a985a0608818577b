using System.Globalization;
using System.Text.Json;

namespace RetakeAdvice.Loading;

/// <summary>
/// Reads a manifest that is exactly right with <see cref="JsonDocument"/> instead of the serializer: the same
/// <see cref="ManifestModel"/>, without System.Text.Json's first-deserialization cost in a fresh process (its
/// generic converters are JIT-compiled: about 40 ms of a cold <c>advise</c>, on the path that loads the rules).
/// It accepts only what the serializer (<see cref="RuleSetJsonContext"/>) accepts and reads it the same way;
/// anything else (an unknown or repeated key, a wrong type, a null where a value is required, a number that is
/// not exact) makes it give up, and the serializer reads the file and reports the problem as before. A test holds
/// the two to the same model on the shipped manifest and on many broken ones.
/// </summary>
internal static class ManifestFastReader
{
    public static ManifestModel? TryRead(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
            return Manifest(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or GiveUp)
        {
            return null;
        }
    }

    private static ManifestModel Manifest(JsonElement e)
    {
        var p = Properties(e, "$schema", "name", "version", "source", "passingStandards", "attemptLimit", "failureBands", "studyWeeks",
            "practiceExamVerdict", "resources", "disciplineWeights", "competitiveSpecialties", "crisisLines", "readiness");
        return new ManifestModel
        {
            Schema = OptionalString(p["$schema"]),
            Name = String(p["name"]),
            Version = String(p["version"]),
            Source = Source(Required(p["source"])),
            PassingStandards = List(p["passingStandards"], Standard),
            AttemptLimit = Int(p["attemptLimit"]),
            FailureBands = FailureBands(Required(p["failureBands"])),
            StudyWeeks = StudyWeeks(Required(p["studyWeeks"])),
            PracticeExamVerdict = Verdict(Required(p["practiceExamVerdict"])),
            Resources = Resources(Required(p["resources"])),
            DisciplineWeights = DisciplineWeights(Required(p["disciplineWeights"])),
            CompetitiveSpecialties = List(p["competitiveSpecialties"], String),
            CrisisLines = List(p["crisisLines"], CrisisLine),
            Readiness = Readiness(Required(p["readiness"])),
        };
    }

    private static SourceModel Source(JsonElement e)
    {
        var p = Properties(e, "label", "url");
        return new SourceModel { Label = String(p["label"]), Url = OptionalString(p["url"]) };
    }

    private static StandardModel Standard(JsonElement e)
    {
        var p = Properties(e, "from", "score");
        return new StandardModel { From = Date(p["from"]), Score = Int(p["score"]) };
    }

    private static FailureBandsModel FailureBands(JsonElement e)
    {
        var p = Properties(e, "nearMaxPoints", "lowMinPoints");
        return new FailureBandsModel { NearMaxPoints = Double(p["nearMaxPoints"]), LowMinPoints = Double(p["lowMinPoints"]) };
    }

    private static StudyWeeksModel StudyWeeks(JsonElement e)
    {
        var p = Properties(e, "near", "moderate", "low");
        return new StudyWeeksModel { Near = Weeks(p["near"]), Moderate = Weeks(p["moderate"]), Low = Weeks(p["low"]) };
    }

    private static WeeksModel? Weeks(JsonElement? e)
    {
        if (e is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }

        var p = Properties(value, "min", "max");
        return new WeeksModel { Min = Int(p["min"]), Max = Int(p["max"]) };
    }

    private static VerdictModel Verdict(JsonElement e)
    {
        var p = Properties(e, "passProbability", "closeProbability", "passPercentCorrect", "closePercentCorrectMargin", "closeScoreMargin");
        return new VerdictModel
        {
            PassProbability = Double(p["passProbability"]),
            CloseProbability = Double(p["closeProbability"]),
            PassPercentCorrect = Double(p["passPercentCorrect"]),
            ClosePercentCorrectMargin = Double(p["closePercentCorrectMargin"]),
            CloseScoreMargin = Int(p["closeScoreMargin"]),
        };
    }

    private static ResourcesModel Resources(JsonElement e)
    {
        var p = Properties(e, "core", "aliases");
        return new ResourcesModel { Core = List(p["core"], String), Aliases = Map(Required(p["aliases"]), value => List(value, String)) };
    }

    private static DisciplineWeightsModel DisciplineWeights(JsonElement e)
    {
        var p = Properties(e, "default", "weights");
        return new DisciplineWeightsModel { Default = Double(p["default"]), Weights = Map(Required(p["weights"]), value => Double(value)) };
    }

    private static CrisisLineModel CrisisLine(JsonElement e)
    {
        var p = Properties(e, "name", "contact", "how");
        return new CrisisLineModel { Name = String(p["name"]), Contact = String(p["contact"]), How = OptionalString(p["how"]) };
    }

    private static ReadinessTextsModel Readiness(JsonElement e)
    {
        var p = Properties(e, "noAttemptsLeft", "latestNotPassing", "noneSinceFailure", "latestPassed", "unknown");
        return new ReadinessTextsModel
        {
            NoAttemptsLeft = String(p["noAttemptsLeft"]),
            LatestNotPassing = String(p["latestNotPassing"]),
            NoneSinceFailure = String(p["noneSinceFailure"]),
            LatestPassed = String(p["latestPassed"]),
            Unknown = String(p["unknown"]),
        };
    }

    /// <summary>
    /// The object's values by the given names (matched ignoring case, as the serializer's web defaults do; a
    /// missing key reads as absent); gives up on a key it does not know or a key given twice.
    /// </summary>
    private static Dictionary<string, JsonElement?> Properties(JsonElement e, params string[] names)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new GiveUp();
        }

        var values = new Dictionary<string, JsonElement?>(names.Length, StringComparer.Ordinal);
        foreach (var name in names)
        {
            values[name] = null;
        }

        foreach (var property in e.EnumerateObject())
        {
            var name = Array.Find(names, n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null || values[name] is not null)
            {
                throw new GiveUp();
            }

            values[name] = property.Value;
        }

        return values;
    }

    private static JsonElement Required(JsonElement? e) => e is { ValueKind: not JsonValueKind.Null } value ? value : throw new GiveUp();

    private static string String(JsonElement? e) => Required(e) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new GiveUp();

    private static string String(JsonElement e) => String((JsonElement?)e);

    private static string? OptionalString(JsonElement? e) => e is null || e.Value.ValueKind == JsonValueKind.Null ? null : String(e);

    private static int Int(JsonElement? e) =>
        Required(e) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : throw new GiveUp();

    private static double Double(JsonElement? e) =>
        Required(e) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : throw new GiveUp();

    private static DateOnly Date(JsonElement? e) =>
        DateOnly.TryParseExact(String(e), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw new GiveUp();

    private static List<T> List<T>(JsonElement? e, Func<JsonElement, T> item)
    {
        if (Required(e) is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new GiveUp();
        }

        var list = new List<T>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            list.Add(item(Required(element)));
        }

        return list;
    }

    private static Dictionary<string, T> Map<T>(JsonElement e, Func<JsonElement, T> value)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new GiveUp();
        }

        var map = new Dictionary<string, T>();
        foreach (var property in e.EnumerateObject())
        {
            if (!map.TryAdd(property.Name, value(Required(property.Value))))
            {
                throw new GiveUp();
            }
        }

        return map;
    }

    /// <summary>The document is not one this reader is sure to read as the serializer would.</summary>
    private sealed class GiveUp : Exception;
}
