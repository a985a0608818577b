using FsCheck;
using FsCheck.Fluent;

namespace RetakeAdvice.Tests.Properties;

/// <summary>A generated valid profile; prints as its JSON when a property fails.</summary>
public sealed record ValidProfileCase(RetakeProfile Profile)
{
    public override string ToString() => PropertyGenerators.Describe(Profile);
}

/// <summary>A generated valid profile that lists topics.</summary>
public sealed record TopicProfileCase(RetakeProfile Profile)
{
    public override string ToString() => PropertyGenerators.Describe(Profile);
}

/// <summary>The arbitraries of the properties (FsCheck finds them by their return types).</summary>
public static class PropertyArbitraries
{
    public static Arbitrary<ValidProfileCase> ValidProfiles() =>
        PropertyGenerators.ValidProfile.Select(p => new ValidProfileCase(p)).ToArbitrary();

    public static Arbitrary<TopicProfileCase> TopicProfiles() =>
        PropertyGenerators.ProfileWithTopics.Select(p => new TopicProfileCase(p)).ToArbitrary();

    public static Arbitrary<InvalidProfileCase> InvalidProfiles() => ValidationProperties.InvalidCases.ToArbitrary();

    public static Arbitrary<TopicBumpCase> TopicBumps() => RankingProperties.TopicBumps.ToArbitrary();

    public static Arbitrary<DistanceCase> Distances() => RankingProperties.Distances.ToArbitrary();

    public static Arbitrary<CrisisCase> CrisisProfiles() => RankingProperties.CrisisProfiles.ToArbitrary();

    public static Arbitrary<ProfileBatch> Batches() => ConcurrencyTests.Batches.ToArbitrary();
}
