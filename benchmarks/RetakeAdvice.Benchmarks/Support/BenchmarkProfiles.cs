using System.Globalization;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>The profiles the benchmarks advise on.</summary>
public static class BenchmarkProfiles
{
    private static readonly string[] Disciplines =
        ["physiology", "Pathology", " microbiology ", "PHARMACOLOGY", "biostatistics", "immunology", "anatomy", "biochemistry", "embryology", "behavioral science", "genetics"];

    /// <summary>
    /// samples/near-miss.json with every field set so that most rules fire (3 failed attempts, self-harm thoughts,
    /// no confidant, 6 planned resources equal to the previous ones, an ambitious target, a close practice exam 11
    /// days before the retake), and <paramref name="topics"/> topics: the sample's 4 followed by generated ones
    /// with varied disciplines, seen and incorrect counts (about 1 in 10 seen at most twice) and unique names.
    /// </summary>
    public static RetakeProfile Full(int topics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topics, 4);
        var sample = RetakeAdviceJson.ReadProfile(File.ReadAllText(RepoFiles.Find(Path.Combine("samples", "near-miss.json"))));
        var random = new Random(6);
        var list = new List<TopicResult>(topics);
        list.AddRange(sample.Topics!);
        for (var i = list.Count; i < topics; i++)
        {
            var seen = random.Next(10) == 0 ? random.Next(0, 3) : random.Next(3, 41);
            var discipline = Disciplines[random.Next(Disciplines.Length)];
            list.Add(new TopicResult
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{discipline.Trim()} topic {i:D5}"),
                Discipline = discipline,
                Seen = seen,
                Incorrect = random.Next(0, seen + 1),
            });
        }

        string[] resources = ["UW", "FA", "BRS Pathology", "BRS Physiology", "Sketchy", "Anki"];
        return sample with
        {
            FailedAttempts =
            [
                new FailedAttempt { Date = new DateOnly(2025, 6, 3), Score = 180 },
                new FailedAttempt { Date = new DateOnly(2026, 2, 10), PointsBelowPassing = 12 },
                .. sample.FailedAttempts!,
            ],
            School = new SchoolStatus { Contacted = false, RetakeApproved = false, RotationsAdjusted = false },
            Wellbeing = sample.Wellbeing! with { ThoughtsOfSelfHarm = true, HasConfidant = false },
            PreviousResources = ["UWorld", "First Aid", "BRS Pathology", "BRS Physiology", "Sketchy Micro", "AnKing deck"],
            PlannedResources = resources,
            SameApproachAsBefore = true,
            Topics = list,
            PlannedTimeOffMonths = 12,
            TargetScore = 275,
            TargetSpecialty = "Neurosurgery",
        };
    }
}
