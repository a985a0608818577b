using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace RetakeAdvice.Tests.Properties;

/// <summary>A profile, and the same profile with more misses on one of its topics.</summary>
public sealed record TopicBumpCase(RetakeProfile Before, RetakeProfile After, string Topic, int? IncorrectBefore, int IncorrectAfter)
{
    public override string ToString() => $"\"{Topic}\" missed {IncorrectBefore?.ToString() ?? "unknown"} → {IncorrectAfter} times: {PropertyGenerators.Describe(Before)}";
}

/// <summary>A profile whose latest failure is <see cref="Distance"/> below passing, and the same one further below.</summary>
public sealed record DistanceCase(RetakeProfile Closer, RetakeProfile Further, double Distance, double FurtherDistance, string How)
{
    public override string ToString() => $"{How}: {Distance} → {FurtherDistance} points below: {PropertyGenerators.Describe(Closer)}";
}

/// <summary>A profile likely to need crisis support, often alongside other critical cards.</summary>
public sealed record CrisisCase(RetakeProfile Profile)
{
    public override string ToString() => PropertyGenerators.Describe(Profile);
}

/// <summary>The order of the report: the spec's ranking, the crisis card, monotonicity in misses and in distance.</summary>
public sealed class RankingProperties
{
    private const string Crisis = "wellbeing.crisis-support";
    private const string Focus = "topics.focus";
    private const string AreaCards = "topics.score-report-areas";
    private const string Coursework = "planning.repeat-coursework";
    private const string NoAttemptsLeft = "planning.no-attempts-left";

    /// <summary>
    /// Property 4: the ranking holds between every two neighbouring cards: the pinned crisis card first, then
    /// critical, warning, info; then priority (descending), step (ascending), id (ordinal); the items of one
    /// per-item rule by item score (descending), then target (ordinal). The item scores are recomputed from the
    /// profile (a topic's misses × its discipline's weight, a score-report area 2 when rated lower than a low pass
    /// and 1 when rated the same), and <c>topics.focus</c> must be exactly the top 10 topics with 3 or more misses
    /// in that order.
    /// Planted bug it caught: <c>topics.focus</c>'s score set to <c>item.Incorrect</c> (the discipline weight
    /// dropped) in a TempRuleFolder copy: "Zeta 13" (item score 19) ranked before "Topic 14" (17 misses in a
    /// high-yield discipline: 25.5), 156 of 300 sampled.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void Ranking_FollowsTheSpec(TopicProfileCase generated) => CheckRanking(Shipped.Advisor, generated.Profile);

    internal static void CheckRanking(RetakeAdvisor advisor, RetakeProfile profile)
    {
        var cards = advisor.Advise(profile).Recommendations;
        for (var i = 1; i < cards.Count; i++)
        {
            var (before, after) = (cards[i - 1], cards[i]);
            Assert.True(
                CompareBySpec(before, after, profile) < 0,
                $"card {i - 1} ({Show(before, profile)}) must rank before card {i} ({Show(after, profile)})");
        }

        // With no attempts left the study cards are suppressed: no focus topics at all. A topic's card names it
        // without surrounding spaces, and ties go by that name.
        var expectedFocus = (cards.Any(c => c.Id == NoAttemptsLeft) ? [] : profile.Topics ?? [])
            .Where(t => t.Incorrect >= 3)
            .OrderByDescending(t => TopicScore(t))
            .ThenBy(t => t.Name!.Trim(), StringComparer.Ordinal)
            .Take(10)
            .Select(t => t.Name!.Trim());
        Assert.Equal(expectedFocus, cards.Where(c => c.Id == Focus).Select(c => c.Target));
    }

    /// <summary>
    /// Property 5: the crisis card fires exactly when the student reports thoughts of self-harm, once, and is then
    /// the first card, whatever else is critical (final attempt, no attempts left, an exam close with a failing
    /// practice exam).
    /// Planted bug it caught: <c>wellbeing.crisis-support</c> without <c>"pin": "first"</c> and with priority 90 in a
    /// TempRuleFolder copy: <c>planning.final-attempt</c> (critical, 96) ranked before it, 91 of 200 sampled.
    /// </summary>
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void CrisisCard_IsFirst_WheneverItFires(CrisisCase generated) => CheckCrisisFirst(Shipped.Advisor, generated.Profile);

    internal static void CheckCrisisFirst(RetakeAdvisor advisor, RetakeProfile profile)
    {
        var cards = advisor.Advise(profile).Recommendations;
        var fires = profile.Wellbeing?.ThoughtsOfSelfHarm == true;

        Assert.Equal(fires ? 1 : 0, cards.Count(c => c.Id == Crisis));
        if (fires)
        {
            Assert.Equal(Crisis, cards[0].Id);
        }
    }

    /// <summary>
    /// Property 6: more misses on a topic never lower its rank among the <c>topics.focus</c> cards: a topic that had
    /// a card keeps one, at the same position or higher.
    /// Planted bug it caught: <c>topics.focus</c>'s where set to <c>item.Incorrect &gt;= focusMinIncorrect &amp;&amp;
    /// item.Incorrect &lt; 12</c> in a TempRuleFolder copy: "émigré 12" was focus card 5 with 5 misses and had no
    /// card with 19, 90 of 300 sampled.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void MoreMisses_NeverLowerATopicsRank(TopicBumpCase bump) => CheckMonotoneInMisses(Shipped.Advisor, bump);

    internal static void CheckMonotoneInMisses(RetakeAdvisor advisor, TopicBumpCase bump)
    {
        var before = FocusPosition(advisor, bump.Before, bump.Topic);
        var after = FocusPosition(advisor, bump.After, bump.Topic);
        if (before >= 0)
        {
            Assert.True(after >= 0 && after <= before, $"\"{bump.Topic}\" was focus card {before}, then {(after < 0 ? "none" : after)}");
        }
    }

    /// <summary>
    /// Property 7: a larger distance below passing never removes the coursework advice: present at d, present at
    /// any d' &gt; d (as pointsBelowPassing, as a lower score under an explicit standard, as a lower score under the
    /// manifest's standard for the date).
    /// Planted bug it caught: <c>planning.repeat-coursework</c>'s Expression set to <c>facts.FailureBand == "low"
    /// &amp;&amp; facts.PointsBelowPassing &lt; 40</c> in a TempRuleFolder copy: coursework at 38.81 points below,
    /// none at 63.25, 46 of 300 sampled.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void LargerDistance_NeverRemovesCoursework(DistanceCase distance) => CheckCourseworkMonotone(Shipped.Advisor, distance);

    internal static void CheckCourseworkMonotone(RetakeAdvisor advisor, DistanceCase distance)
    {
        static bool HasCoursework(RetakeAdvisor advisor, RetakeProfile profile) =>
            advisor.Advise(profile).Recommendations.Any(r => r.Id == Coursework);

        if (HasCoursework(advisor, distance.Closer))
        {
            Assert.True(HasCoursework(advisor, distance.Further), $"coursework at {distance.Distance} points below, none at {distance.FurtherDistance}");
        }
    }

    internal static Gen<TopicBumpCase> TopicBumps { get; } =
        from profile in PropertyGenerators.ProfileWithTopics
        from index in Gen.Choose(0, profile.Topics!.Count - 1)
        from delta in Gen.Frequency((6, Gen.Choose(1, 6)), (2, Gen.Choose(7, 30)), (1, Gen.Choose(31, 5_000)))
        let topic = profile.Topics![index]
        let incorrect = Math.Min((topic.Incorrect ?? 0) + delta, 100_000)
        let bumped = topic with { Incorrect = incorrect, Seen = topic.Seen is { } seen ? Math.Max(seen, incorrect) : null }
        select new TopicBumpCase(profile, profile with { Topics = PropertyGenerators.With(profile.Topics, index, bumped) }, topic.Name!, topic.Incorrect, incorrect);

    internal static Gen<DistanceCase> Distances { get; } =
        from profile in PropertyGenerators.ValidProfile
        from how in Gen.Choose(0, 2)
        from closer in Gen.Frequency(
            (3, Gen.Choose(1, 4_500).Select(h => h / 100.0)),
            (1, Gen.Elements(0.001, 9.99, 10, 10.01, 19.99, 19.999, 20, 20.001, 39.99, 40)),
            (1, Gen.Choose(1, 29_899).Select(h => h / 100.0)))
        from step in Gen.Frequency(
            (3, Gen.Choose(1, 3_000).Select(h => h / 100.0)),
            (1, Gen.Elements(0.001, 0.01, 0.5, 1)),
            (1, Gen.Choose(1, 29_000).Select(h => h / 100.0)))
        from explicitStandard in Gen.Choose(150, 260)
        let latest = PropertyGenerators.LatestAttemptIndex(profile)
        let attempt = profile.FailedAttempts![latest]
        let standard = how == 1 ? explicitStandard : Shipped.Manifest.StandardOn(attempt.Date!.Value)
        select how == 0
            ? Points(profile, latest, closer, Math.Min(closer + step, 299.999))
            : Scores(profile, latest, how == 1 ? standard : null, standard, (int)Math.Ceiling(closer), (int)Math.Ceiling(closer + step));

    internal static Gen<CrisisCase> CrisisProfiles { get; } =
        from profile in PropertyGenerators.ValidProfile
        from harm in Gen.Frequency((2, Gen.Constant<bool?>(true)), (1, Gen.Constant<bool?>(false)), (1, Gen.Constant<bool?>(null)))
        from extra in Gen.Choose(0, 3)
        let attempts = profile.FailedAttempts!
        select new CrisisCase(profile with
        {
            Wellbeing = (profile.Wellbeing ?? new WellbeingStatus()) with { ThoughtsOfSelfHarm = harm },

            // Earlier attempts, listed first, leave the latest one as it was; three or more attempts make the attempt
            // cards critical.
            FailedAttempts = EarlierAttempts(profile, Math.Min(extra, 100 - attempts.Count)).Concat(attempts).ToArray(),
        });

    /// <summary>
    /// Up to <paramref name="count"/> failed attempts 30, 60, 90… days before the profile's earliest one, each on a day
    /// no attempt (failed or incomplete) holds: an attempt is one sitting. Fewer when the calendar runs out.
    /// </summary>
    private static IEnumerable<FailedAttempt> EarlierAttempts(RetakeProfile profile, int count)
    {
        var taken = profile.FailedAttempts!.Select(a => a.Date!.Value)
            .Concat(profile.IncompleteAttempts?.Select(a => a.Date!.Value) ?? [])
            .ToHashSet();
        var earliest = profile.FailedAttempts!.Min(a => a.Date!.Value).DayNumber;
        var added = 0;
        for (var day = earliest - 30; day >= 0 && added < count; day -= 30)
        {
            if (taken.Add(DateOnly.FromDayNumber(day)))
            {
                added++;
                yield return new FailedAttempt { Date = DateOnly.FromDayNumber(day), PointsBelowPassing = 5 };
            }
        }
    }

    private static DistanceCase Points(RetakeProfile profile, int latest, double closer, double further)
    {
        var attempt = profile.FailedAttempts![latest] with { Score = null, PassingScore = null };
        return new DistanceCase(
            profile with { FailedAttempts = PropertyGenerators.With(profile.FailedAttempts, latest, attempt with { PointsBelowPassing = closer }) },
            profile with { FailedAttempts = PropertyGenerators.With(profile.FailedAttempts, latest, attempt with { PointsBelowPassing = further }) },
            closer,
            further,
            "pointsBelowPassing");
    }

    private static DistanceCase Scores(RetakeProfile profile, int latest, int? passingScore, int standard, int closer, int further)
    {
        // Scores run from 1 to standard - 1: distances from 1 to standard - 1, the further one strictly larger.
        closer = Math.Clamp(closer, 1, standard - 2);
        further = Math.Clamp(further, closer + 1, standard - 1);
        var attempt = profile.FailedAttempts![latest] with { PointsBelowPassing = null, PassingScore = passingScore };
        return new DistanceCase(
            profile with { FailedAttempts = PropertyGenerators.With(profile.FailedAttempts, latest, attempt with { Score = standard - closer }) },
            profile with { FailedAttempts = PropertyGenerators.With(profile.FailedAttempts, latest, attempt with { Score = standard - further }) },
            closer,
            further,
            passingScore is null ? $"score under the manifest's {standard}" : $"score under an explicit {standard}");
    }

    private static int FocusPosition(RetakeAdvisor advisor, RetakeProfile profile, string topic)
    {
        var focus = advisor.Advise(profile).Recommendations.Where(r => r.Id == Focus).Select(r => r.Target).ToList();
        return focus.IndexOf(topic.Trim()); // a card names its topic without surrounding spaces
    }

    private static double TopicScore(TopicResult topic) => (topic.Incorrect ?? 0) * PropertyGenerators.Weight(topic.Discipline);

    private static double ItemScore(Recommendation card, RetakeProfile profile) => card.Id switch
    {
        Focus => TopicScore(profile.Topics!.Single(t => t.Name!.Trim() == card.Target)),
        AreaCards => AreaScore(profile.ScoreReport!.ContentAreas!.Single(a => a.Area!.Trim() == card.Target)),
        _ => 0,
    };

    /// <summary>A content area's score in <c>topics.score-report-areas</c>: rated lower than a low pass 2, the same as one 1.</summary>
    private static double AreaScore(ContentAreaResult area) => area.Performance switch
    {
        ContentAreaPerformance.Lower => 2,
        ContentAreaPerformance.Same => 1,
        _ => 0,
    };

    private static int Severity(AdviceIndicator indicator) => indicator switch
    {
        AdviceIndicator.Critical => 0,
        AdviceIndicator.Warning => 1,
        AdviceIndicator.Info => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
    };

    /// <summary>The spec's order (section 2), written out independently of the library's ranker.</summary>
    private static int CompareBySpec(Recommendation a, Recommendation b, RetakeProfile profile)
    {
        int[] numbers =
        [
            (a.Id == Crisis ? 0 : 1).CompareTo(b.Id == Crisis ? 0 : 1),
            Severity(a.Indicator).CompareTo(Severity(b.Indicator)),
            b.Priority.CompareTo(a.Priority),
            a.Step.CompareTo(b.Step),
            string.CompareOrdinal(a.Id, b.Id),
            ItemScore(b, profile).CompareTo(ItemScore(a, profile)),
            string.CompareOrdinal(a.Target, b.Target),
        ];
        return numbers.FirstOrDefault(c => c != 0);
    }

    private static string Show(Recommendation card, RetakeProfile profile) =>
        $"{card.Id}{(card.Target is null ? "" : $" [{card.Target}]")}, {card.Indicator}, priority {card.Priority}, step {card.Step}, item score {ItemScore(card, profile)}";
}
