using System.Globalization;
using System.Text;
using RetakeAdvice.Ranking;

namespace RetakeAdvice.Tests.Ranking;

/// <summary>
/// Spec section 2: critical before warning before info; then higher priority; then lower step; then id; the items
/// of one per-item rule by item score, then target; the crisis card first whatever else fires; same input, same bytes.
/// </summary>
public sealed class RankingTests
{
    private static RankedRecommendation Item(
        string id,
        AdviceIndicator indicator = AdviceIndicator.Info,
        int priority = 50,
        int step = 4,
        string? target = null,
        double score = 0,
        bool pin = false,
        int order = 0) =>
        new(
            new Recommendation
            {
                Id = id,
                Target = target,
                Step = step,
                Category = "test",
                Indicator = indicator,
                Priority = priority,
                Summary = id,
                Because = [],
                Actions = [],
                Source = new AdviceSource { Label = "test" },
            },
            pin,
            score,
            order);

    private static string[] RankIds(params RankedRecommendation[] items) =>
        RecommendationRanker.Rank([.. items]).Select(r => r.Target is null ? r.Id : $"{r.Id}[{r.Target}]").ToArray();

    // ---- the order, key by key ----

    [Fact]
    public void Rank_Indicators_CriticalBeforeWarningBeforeInfoWhateverThePriority()
    {
        var ids = RankIds(
            Item("info", AdviceIndicator.Info, priority: 100),
            Item("critical", AdviceIndicator.Critical, priority: 1),
            Item("warning", AdviceIndicator.Warning, priority: 50));

        Assert.Equal(["critical", "warning", "info"], ids);
    }

    [Fact]
    public void Rank_SameIndicator_HigherPriorityFirstWhateverTheStep()
    {
        var ids = RankIds(
            Item("p10", priority: 10, step: 1),
            Item("p90", priority: 90, step: 7),
            Item("p50", priority: 50, step: 3));

        Assert.Equal(["p90", "p50", "p10"], ids);
    }

    [Fact]
    public void Rank_SamePriority_LowerStepFirstWhateverTheId()
    {
        var ids = RankIds(
            Item("a.step7", step: 7),
            Item("z.step1", step: 1),
            Item("m.step4", step: 4));

        Assert.Equal(["z.step1", "m.step4", "a.step7"], ids);
    }

    [Fact]
    public void Rank_SameStep_IdInOrdinalOrder()
    {
        var ids = RankIds(Item("b.x"), Item("a.y"), Item("B.x"), Item("a.Y"));

        // Ordinal: upper case before lower case, unlike a culture-aware sort.
        Assert.Equal(["B.x", "a.Y", "a.y", "b.x"], ids);
    }

    [Fact]
    public void Rank_ItemsOfOneRule_HigherItemScoreFirst()
    {
        var ids = RankIds(
            Item("topics.focus", target: "Cardiac tamponade", score: 4.5),
            Item("topics.focus", target: "Renal tubular acidosis", score: 7.5),
            Item("topics.focus", target: "Type I hypersensitivity", score: 6));

        Assert.Equal(["topics.focus[Renal tubular acidosis]", "topics.focus[Type I hypersensitivity]", "topics.focus[Cardiac tamponade]"], ids);
    }

    [Fact]
    public void Rank_ItemsWithEqualScores_TargetInOrdinalOrder()
    {
        var ids = RankIds(
            Item("topics.focus", target: "beta", score: 6),
            Item("topics.focus", target: "alpha", score: 6),
            Item("topics.focus", target: "Alpha", score: 6),
            Item("topics.focus", target: "Zeta", score: 6));

        Assert.Equal(["topics.focus[Alpha]", "topics.focus[Zeta]", "topics.focus[alpha]", "topics.focus[beta]"], ids);
    }

    [Fact]
    public void Rank_ItemScore_DoesNotOutrankId()
    {
        var ids = RankIds(
            Item("topics.focus", target: "A", score: 1),
            Item("topics.alpha", target: "B", score: 100));

        Assert.Equal(["topics.alpha[B]", "topics.focus[A]"], ids);
    }

    [Fact]
    public void Rank_PinnedCard_FirstEvenOverACriticalWithHigherPriority()
    {
        var ids = RankIds(
            Item("practice.gate-not-passed", AdviceIndicator.Critical, priority: 100, step: 1),
            Item("wellbeing.crisis-support", AdviceIndicator.Info, priority: 0, step: 7, pin: true),
            Item("planning.no-attempts-left", AdviceIndicator.Critical, priority: 98));

        Assert.Equal(["wellbeing.crisis-support", "practice.gate-not-passed", "planning.no-attempts-left"], ids);
    }

    [Fact]
    public void Compare_AnyPairOfDistinctItems_IsAntisymmetric()
    {
        RankedRecommendation[] items =
        [
            Item("a", AdviceIndicator.Critical, 10, 1),
            Item("a", AdviceIndicator.Warning, 10, 1),
            Item("a", AdviceIndicator.Info, 90, 1),
            Item("b", AdviceIndicator.Info, 90, 1),
            Item("b", AdviceIndicator.Info, 90, 2),
            Item("t", target: "x", score: 2),
            Item("t", target: "y", score: 2),
            Item("t", target: "y", score: 3),
            Item("p", pin: true),
        ];

        foreach (var x in items)
        {
            foreach (var y in items)
            {
                var xy = RecommendationRanker.Compare(x, y);
                var yx = RecommendationRanker.Compare(y, x);
                Assert.Equal(Math.Sign(xy), -Math.Sign(yx));
                Assert.Equal(ReferenceEquals(x.Recommendation, y.Recommendation), xy == 0);
            }
        }
    }

    [Fact]
    public void Rank_AnyInputOrder_GivesTheSameOrder()
    {
        RankedRecommendation[] items =
        [
            Item("wellbeing.crisis-support", AdviceIndicator.Critical, 100, 2, pin: true),
            Item("practice.gate-not-passed", AdviceIndicator.Critical, 94, 4),
            Item("school.contact-now", AdviceIndicator.Warning, 90, 1),
            Item("wellbeing.counseling", AdviceIndicator.Warning, 88, 2),
            Item("topics.focus", AdviceIndicator.Info, 60, 5, "Renal", 7.5),
            Item("topics.focus", AdviceIndicator.Info, 60, 5, "Hemochromatosis", 6),
            Item("topics.focus", AdviceIndicator.Info, 60, 5, "Sickle cell", 6),
            Item("planning.near-miss", AdviceIndicator.Info, 55, 6),
            Item("resilience.self-care", AdviceIndicator.Info, 10, 7),
        ];
        var expected = RankIds(items);
        var random = new Random(20261127);

        for (var i = 0; i < 25; i++)
        {
            var shuffled = items.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, RankIds(shuffled));
        }

        Assert.Equal("wellbeing.crisis-support", expected[0]);
        Assert.Equal("resilience.self-care", expected[^1]);
    }

    // ---- through the real rules ----

    [Fact]
    public void Advise_Sample_RanksByIndicatorPriorityAndItemScore()
    {
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));

        var report = Shipped.Advisor.Advise(profile);

        Assert.Equal(
            [
                "practice.gate-not-passed",
                "school.contact-now",
                "wellbeing.counseling",
                "practice.no-hail-mary",
                "tactics.change-approach",
                "mentors.find-high-scorer",
                "resilience.burnout-risk",
                "topics.focus[Renal tubular acidosis]",
                "topics.focus[Cardiac tamponade]",
                "topics.focus[Type I hypersensitivity]",
                "planning.near-miss",
                "resources.drop[BRS Pathology]",
                "resources.add-core[Pathoma]",
                "topics.skip-low-yield",
                "resilience.self-care",
            ],
            report.Recommendations.Select(r => r.Target is null ? r.Id : $"{r.Id}[{r.Target}]"));
        Assert.Equal(AdviceIndicator.Critical, report.Recommendations[0].Indicator);
    }

    [Fact]
    public void Advise_SelfHarmAndACriticalGate_CrisisCardFirst()
    {
        var profile = GateProfile() with { Wellbeing = new WellbeingStatus { ThoughtsOfSelfHarm = true } };

        var report = Shipped.Advisor.Advise(profile);

        Assert.Equal(["wellbeing.crisis-support", "practice.gate-not-passed"], report.Recommendations.Take(2).Select(r => r.Id));
        Assert.Equal(AdviceIndicator.Critical, report.Recommendations[1].Indicator);
    }

    [Fact]
    public void Advise_CrisisCardWithLowPriorityInfo_StillFirstOverCriticalGate()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("wellbeing.json", card =>
        {
            card["priority"] = 0;
            card["indicator"] = "info";
        });
        var profile = GateProfile() with { Wellbeing = new WellbeingStatus { ThoughtsOfSelfHarm = true } };

        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile);

        var first = report.Recommendations[0];
        Assert.Equal(("wellbeing.crisis-support", AdviceIndicator.Info, 0), (first.Id, first.Indicator, first.Priority));
        Assert.Equal(("practice.gate-not-passed", AdviceIndicator.Critical), (report.Recommendations[1].Id, report.Recommendations[1].Indicator));
    }

    [Fact]
    public void Advise_CrisisCardWithoutPin_RanksByItsIndicatorAgain()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("wellbeing.json", card =>
        {
            card["priority"] = 0;
            card["indicator"] = "info";
            card.Remove("pin");
        });
        var profile = GateProfile() with { Wellbeing = new WellbeingStatus { ThoughtsOfSelfHarm = true } };

        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile);

        Assert.Equal("practice.gate-not-passed", report.Recommendations[0].Id);
        Assert.Equal("wellbeing.crisis-support", report.Recommendations[^1].Id);
    }

    [Fact]
    public void Advise_CrisisCard_ActionsAndTextCarryTheManifestsLines()
    {
        var profile = Profiles.Minimal() with { Wellbeing = new WellbeingStatus { ThoughtsOfSelfHarm = true } };

        var card = Shipped.Advisor.Advise(profile).Recommendations[0];

        Assert.Equal("wellbeing.crisis-support", card.Id);
        Assert.Equal(
            [new AdviceAction { Kind = "contact-crisis-line", Target = "988" }, new AdviceAction { Kind = "call-support-line", Target = "1-888-409-0141" }],
            card.Actions);
        Assert.Contains("988 Suicide & Crisis Lifeline (988: call or text, any hour)", card.Detail);
        Assert.Contains("Physician Support Line (1-888-409-0141: free, confidential peer support from volunteer psychiatrists, open to medical students, 8 am to 1 am Eastern, seven days a week; not a crisis line)", card.Detail);
        Assert.DoesNotContain("help is there at any hour", card.Detail);
        Assert.Equal("You matter more than any exam. Please reach out now: 988 Suicide & Crisis Lifeline at 988 (call or text, any hour).", card.Summary);
    }

    // ---- determinism ----

    [Fact]
    public void Advise_SameProfileTwice_IdenticalBytes()
    {
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));

        var first = Encoding.UTF8.GetBytes(RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile)));
        var second = Encoding.UTF8.GetBytes(RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Advise_FolderAndEmbeddedRuleSets_IdenticalBytes()
    {
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));

        var fromFolder = RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile));
        var embedded = RetakeAdviceJson.WriteReport(RetakeAdvisor.Create().Advise(profile));

        Assert.Equal(fromFolder, embedded);
    }

    [Fact]
    public void Advise_ShuffledTopics_SameReport()
    {
        // Twelve topics with ties in score: the top ten and their order must not depend on the list order.
        var topics = new List<TopicResult>();
        for (var i = 0; i < 12; i++)
        {
            var discipline = i % 3 == 0 ? "physiology" : "anatomy";
            topics.Add(new TopicResult { Name = $"Topic {(char)('L' - i)}", Discipline = discipline, Seen = 20, Incorrect = 4 + (i % 2) });
        }

        var profile = Profiles.Minimal() with { Topics = topics };
        var expected = RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile));
        var random = new Random(42);

        for (var i = 0; i < 10; i++)
        {
            var shuffled = topics.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile with { Topics = shuffled })));
        }

        Assert.Equal(10, Shipped.Advisor.Advise(profile).Recommendations.Count(r => r.Id == "topics.focus"));
    }

    [Fact]
    public void Advise_UnderAnotherCulture_IdenticalBytes()
    {
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));
        var invariant = RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile));
        var saved = CultureInfo.CurrentCulture;
        string german;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            german = RetakeAdviceJson.WriteReport(Shipped.Advisor.Advise(profile));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(invariant, german);
        Assert.Contains("estimated pass probability 38%", german);
    }

    private static RetakeProfile GateProfile() => Profiles.Minimal() with
    {
        ExamDate = new DateOnly(2026, 12, 1),
        PracticeExams = [new PracticeExam { Name = "NBME 30", Date = new DateOnly(2026, 11, 20), PercentCorrect = 50 }],
    };
}
