using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace RetakeAdvice.Cli;

/// <summary>
/// <c>diff OLD_DIR NEW_DIR PROFILES</c>: what a rule change does to real advice. Each profile (a folder of profile
/// files, or an NDJSON file) is advised by both rule sets; per profile, the cards added and removed, re-ranked among
/// the cards both give, with another indicator, and with other contents (which parts: a wording change is a change),
/// and readiness (its status or its reasons) or weeks changed; then the profiles affected, by rule. Exit 0 when
/// nothing changed, 1 when something did, 2 bad input, 3 bad rules.
/// </summary>
internal static class DiffCommand
{
    public static async Task<int> RunAsync(string oldDirectory, string newDirectory, string profiles, string format, TextWriter output, TextWriter error)
    {
        List<(string Name, RetakeProfile Profile)> inputs;
        try
        {
            inputs = ReadProfiles(profiles);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            await error.WriteLineAsync($"Cannot read the profiles '{profiles}': {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (inputs.Count == 0)
        {
            // A check over no profiles would pass whatever the rules do: a typo in CI must not read as "no change".
            await error.WriteLineAsync(Directory.Exists(profiles)
                ? $"No profiles in '{profiles}': diff reads its *.json files (for NDJSON, give the file itself)."
                : $"No profiles in '{profiles}': the file has no lines with a profile.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        RetakeAdvisor before, after;
        try
        {
            before = RetakeAdvisor.Create(RuleSource.FromDirectory(oldDirectory));
            after = RetakeAdvisor.Create(RuleSource.FromDirectory(newDirectory));
        }
        catch (RuleSetException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }

        using (before)
        using (after)
        {
            var changes = new List<ProfileChange>();
            try
            {
                foreach (var (name, profile) in inputs)
                {
                    changes.Add(Compare(name, before.Advise(profile), after.Advise(profile)));
                }
            }
            catch (ProfileValidationException ex)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (RuleEvaluationException ex)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadRules;
            }

            await output.WriteAsync(format == "json" ? Json(changes, before.RuleSet, after.RuleSet) : Text(changes, before.RuleSet, after.RuleSet)).ConfigureAwait(false);
            return changes.Any(c => c.Any) ? ExitCodes.AdviceChanged : ExitCodes.Ok;
        }
    }

    private sealed record Card(string Id, string? Target)
    {
        public override string ToString() => Target is null ? Id : $"{Id} [{Target}]";
    }

    private sealed record ProfileChange(
        string Name,
        IReadOnlyList<Card> Added,
        IReadOnlyList<Card> Removed,
        IReadOnlyList<(Card Card, int From, int To)> Reranked,
        IReadOnlyList<(Card Card, AdviceIndicator From, AdviceIndicator To)> Indicators,
        IReadOnlyList<(Card Card, IReadOnlyList<string> Parts)> Contents,
        (ReadinessStatus From, ReadinessStatus To)? Readiness,
        bool ReadinessReasons,
        (StudyWeeks? From, StudyWeeks? To)? Weeks)
    {
        public bool Any => Added.Count + Removed.Count + Reranked.Count + Indicators.Count + Contents.Count > 0 || Readiness is not null || ReadinessReasons || Weeks is not null;

        public IEnumerable<string> Rules => Added.Concat(Removed).Concat(Reranked.Select(r => r.Card)).Concat(Indicators.Select(i => i.Card)).Concat(Contents.Select(c => c.Card)).Select(c => c.Id).Distinct(StringComparer.Ordinal);
    }

    private static ProfileChange Compare(string name, AdviceReport before, AdviceReport after)
    {
        static Card Key(Recommendation r) => new(r.Id, r.Target);
        var old = before.Recommendations.Select(Key).ToList();
        var now = after.Recommendations.Select(Key).ToList();
        var both = old.Intersect(now).ToHashSet();
        // Rank among the cards both rule sets give: a card added on top does not move every other card.
        var oldRank = old.Where(both.Contains).Select((card, i) => (card, i)).ToDictionary(x => x.card, x => x.i + 1);
        var newRank = now.Where(both.Contains).Select((card, i) => (card, i)).ToDictionary(x => x.card, x => x.i + 1);
        var oldCard = before.Recommendations.ToDictionary(Key);
        var newCard = after.Recommendations.ToDictionary(Key);
        return new ProfileChange(
            name,
            [.. now.Where(c => !both.Contains(c))],
            [.. old.Where(c => !both.Contains(c))],
            [.. now.Where(both.Contains).Where(c => oldRank[c] != newRank[c]).Select(c => (c, oldRank[c], newRank[c]))],
            [.. now.Where(both.Contains).Where(c => oldCard[c].Indicator != newCard[c].Indicator).Select(c => (c, oldCard[c].Indicator, newCard[c].Indicator))],
            [.. now.Where(both.Contains).Select(c => (c, Parts(oldCard[c], newCard[c]))).Where(c => c.Item2.Count > 0)],
            before.Readiness.Status != after.Readiness.Status ? (before.Readiness.Status, after.Readiness.Status) : null,
            before.Readiness.Status == after.Readiness.Status && !before.Readiness.Because.SequenceEqual(after.Readiness.Because, StringComparer.Ordinal),
            before.EstimatedStudyWeeks != after.EstimatedStudyWeeks ? (before.EstimatedStudyWeeks, after.EstimatedStudyWeeks) : null);
    }

    /// <summary>
    /// The parts of a card both rule sets give that differ, by their JSON names; the indicator is reported on its own
    /// line, and the rank shows in re-ranking, so neither is listed here.
    /// </summary>
    private static List<string> Parts(Recommendation before, Recommendation after)
    {
        var parts = new List<string>();
        void Check(bool same, string part)
        {
            if (!same)
            {
                parts.Add(part);
            }
        }

        Check(before.Summary == after.Summary, "summary");
        Check(before.Detail == after.Detail, "detail");
        Check(before.Because.SequenceEqual(after.Because, StringComparer.Ordinal), "because");
        Check(before.Actions.SequenceEqual(after.Actions), "actions");
        Check(before.Step == after.Step, "step");
        Check(before.Category == after.Category, "category");
        Check(before.Priority == after.Priority, "priority");
        Check(before.Source == after.Source, "source");
        return parts;
    }

    /// <summary>A folder of profile files (each named by its file), or an NDJSON file (each named by its line).</summary>
    private static List<(string, RetakeProfile)> ReadProfiles(string path)
    {
        if (Directory.Exists(path))
        {
            return [.. Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal)
                .Select(file => (Path.GetFileName(file), Read(Path.GetFileName(file), File.ReadAllText(file))))];
        }

        var profiles = new List<(string, RetakeProfile)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                profiles.Add(($"line {number}", Read($"line {number}", line)));
            }
        }

        return profiles;
    }

    /// <summary>One profile; one that does not read names itself (the file, or the NDJSON line), and stops the diff.</summary>
    private static RetakeProfile Read(string name, string json)
    {
        try
        {
            return RetakeAdviceJson.ReadProfile(json);
        }
        catch (ProfileValidationException ex)
        {
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }
    }

    private static string Text(List<ProfileChange> changes, RuleSetInfo before, RuleSetInfo after)
    {
        var text = new StringBuilder();
        text.Append($"{before.Name} {before.Version} ({before.Sha256[..12]}) -> {after.Name} {after.Version} ({after.Sha256[..12]})\n");
        foreach (var change in changes.Where(c => c.Any))
        {
            text.Append('\n').Append(change.Name).Append('\n');
            foreach (var card in change.Added)
            {
                text.Append($"  + {card}\n");
            }

            foreach (var card in change.Removed)
            {
                text.Append($"  - {card}\n");
            }

            foreach (var (card, from, to) in change.Reranked)
            {
                text.Append($"  ~ {card}: rank {from} -> {to}\n");
            }

            foreach (var (card, from, to) in change.Indicators)
            {
                text.Append($"  ! {card}: {Name(from)} -> {Name(to)}\n");
            }

            foreach (var (card, parts) in change.Contents)
            {
                text.Append($"  * {card}: {string.Join(", ", parts)} changed\n");
            }

            if (change.Readiness is { } readiness)
            {
                text.Append($"  readiness: {Name(readiness.From)} -> {Name(readiness.To)}\n");
            }

            if (change.ReadinessReasons)
            {
                text.Append("  readiness: reasons changed\n");
            }

            if (change.Weeks is { } weeks)
            {
                text.Append($"  weeks: {Weeks(weeks.From)} -> {Weeks(weeks.To)}\n");
            }
        }

        var affected = changes.Count(c => c.Any);
        text.Append($"\n{affected} of {changes.Count} profiles affected");
        var byRule = ByRule(changes);
        if (byRule.Count > 0)
        {
            text.Append("; by rule: ").Append(string.Join(", ", byRule.Select(r => $"{r.Key} ({r.Value})")));
        }

        return text.Append('\n').ToString();
    }

    private static string Json(List<ProfileChange> changes, RuleSetInfo before, RuleSetInfo after)
    {
        static JsonObject RuleSetJson(RuleSetInfo info) => new() { ["name"] = info.Name, ["version"] = info.Version, ["sha256"] = info.Sha256 };
        static JsonObject CardJson(Card card) => new() { ["id"] = card.Id, ["target"] = card.Target };
        var profiles = new JsonArray();
        foreach (var change in changes.Where(c => c.Any))
        {
            profiles.Add((JsonNode)new JsonObject
            {
                ["profile"] = change.Name,
                ["added"] = new JsonArray([.. change.Added.Select(CardJson)]),
                ["removed"] = new JsonArray([.. change.Removed.Select(CardJson)]),
                ["reranked"] = new JsonArray([.. change.Reranked.Select(r => { var o = CardJson(r.Card); o["from"] = r.From; o["to"] = r.To; return o; })]),
                ["indicatorChanged"] = new JsonArray([.. change.Indicators.Select(i => { var o = CardJson(i.Card); o["from"] = Name(i.From); o["to"] = Name(i.To); return o; })]),
                ["contentChanged"] = new JsonArray([.. change.Contents.Select(c => { var o = CardJson(c.Card); o["parts"] = new JsonArray([.. c.Parts.Select(p => (JsonNode)p)]); return o; })]),
                ["readiness"] = change.Readiness is { } r ? new JsonObject { ["from"] = Name(r.From), ["to"] = Name(r.To) } : null,
                ["readinessReasonsChanged"] = change.ReadinessReasons,
                ["estimatedStudyWeeks"] = change.Weeks is { } w ? new JsonObject { ["from"] = WeeksJson(w.From), ["to"] = WeeksJson(w.To) } : null,
            });
        }

        var summary = new JsonObject
        {
            ["profiles"] = changes.Count,
            ["affected"] = changes.Count(c => c.Any),
            ["byRule"] = new JsonObject([.. ByRule(changes).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))]),
        };
        return new JsonObject { ["old"] = RuleSetJson(before), ["new"] = RuleSetJson(after), ["changes"] = profiles, ["summary"] = summary }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static SortedDictionary<string, int> ByRule(List<ProfileChange> changes)
    {
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in changes.SelectMany(c => c.Rules))
        {
            byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
        }

        return byRule;
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<TEnum>)RetakeAdviceJson.Options.GetTypeInfo(typeof(TEnum))).Trim('"');

    private static string Weeks(StudyWeeks? weeks) => weeks is null ? "none" : $"{weeks.Min}-{weeks.Max}";

    private static JsonObject? WeeksJson(StudyWeeks? weeks) => weeks is null ? null : new JsonObject { ["min"] = weeks.Min, ["max"] = weeks.Max };
}
