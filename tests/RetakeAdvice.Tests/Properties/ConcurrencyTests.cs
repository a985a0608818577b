using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace RetakeAdvice.Tests.Properties;

/// <summary>A batch of generated valid profiles.</summary>
public sealed record ProfileBatch(RetakeProfile[] Profiles)
{
    public override string ToString() => $"{Profiles.Length} profiles: [{string.Join(", ", Profiles.Select(PropertyGenerators.Describe))}]";
}

/// <summary>One advisor shared by many threads answers as it does alone; cancellation is honoured.</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    /// <summary>The cultures the worker threads run under: the report must not depend on the host's culture.</summary>
    private static readonly CultureInfo[] Cultures =
        [CultureInfo.InvariantCulture, new("de-DE"), new("fr-FR"), new("tr-TR"), new("ar-SA"), new("hi-IN")];

    internal static Gen<ProfileBatch> Batches { get; } =
        Gen.Choose(8, 40).SelectMany(n => Gen.ArrayOf(PropertyGenerators.ValidProfile, n)).Select(p => new ProfileBatch(p));

    /// <summary>
    /// Property 9: concurrent calls equal sequential ones: one advisor, a batch of generated profiles advised
    /// sequentially, then all at once from several threads (each under another culture, each profile several times):
    /// the same JSON for every call.
    /// Planted bug it caught: <c>resilience.self-care</c>'s because set to <c>{facts.GetHashCode()}</c> in a
    /// TempRuleFolder copy (state that differs per call, as a shared mutable cache would): the parallel answers
    /// differed from the sequential ones, 40 of 40 batches sampled.
    /// </summary>
    [Property(MaxTest = 40, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void ConcurrentCalls_EqualSequentialOnes(ProfileBatch batch) => CheckConcurrentEqualsSequential(Shipped.Advisor, batch.Profiles, copies: 3);

    internal static void CheckConcurrentEqualsSequential(RetakeAdvisor advisor, RetakeProfile[] profiles, int copies)
    {
        var sequential = profiles.Select(p => RetakeAdviceJson.WriteReport(advisor.Advise(p))).ToArray();
        var calls = Enumerable.Range(0, profiles.Length * copies).Select(i => i % profiles.Length).ToArray();
        var parallel = new string[calls.Length];

        Parallel.For(0, calls.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var culture = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = Cultures[i % Cultures.Length];
            try
            {
                parallel[i] = RetakeAdviceJson.WriteReport(advisor.Advise(profiles[calls[i]]));
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        });

        for (var i = 0; i < calls.Length; i++)
        {
            Assert.True(
                string.Equals(sequential[calls[i]], parallel[i], StringComparison.Ordinal),
                $"call {i} (profile {calls[i]}) differs from the sequential answer:\n{PropertyGenerators.Describe(profiles[calls[i]])}");
        }
    }

    [Fact]
    public async Task SharedAdvisor_ManyThreads_AnswerAsSequentially()
    {
        // 8 tasks × 500 calls over 50 generated profiles (a fixed seed), every answer compared with the sequential one.
        var advisor = Shipped.Advisor;
        var profiles = Gen.Sample(PropertyGenerators.ValidProfile, 50, new Rnd(7UL), 50);
        var expected = profiles.Select(p => RetakeAdviceJson.WriteReport(advisor.Advise(p))).ToArray();

        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            CultureInfo.CurrentCulture = Cultures[t % Cultures.Length];
            var wrong = new List<int>();
            for (var call = 0; call < 500; call++)
            {
                var which = (call * 7 + t * 13) % profiles.Length;
                var json = call % 2 == 0
                    ? RetakeAdviceJson.WriteReport(advisor.Advise(profiles[which]))
                    : RetakeAdviceJson.WriteReport(advisor.AdviseAsync(profiles[which]).GetAwaiter().GetResult());
                if (!string.Equals(expected[which], json, StringComparison.Ordinal))
                {
                    wrong.Add(which);
                }
            }

            return wrong;
        }));

        var results = await Task.WhenAll(tasks);
        Assert.All(results, Assert.Empty);
    }

    [Fact]
    public async Task AdviseAsync_WithACancelledToken_ReturnsACancelledTask()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();

        var task = Shipped.Advisor.AdviseAsync(Profiles.Minimal(), source.Token);

        Assert.True(task.IsCanceled);
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.AsTask());
        Assert.Equal(source.Token, thrown.CancellationToken);
    }

    [Fact]
    public async Task AdviseAsync_WithACancelledToken_IsCancelledEvenForAnInvalidProfile()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();

        var task = Shipped.Advisor.AdviseAsync(Profiles.Minimal() with { FailedAttempts = [] }, source.Token);

        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task AdviseAsync_WithAnInvalidProfile_ReturnsAFaultedTask_NotAThrow()
    {
        var task = Shipped.Advisor.AdviseAsync(Profiles.Minimal() with { FailedAttempts = [] });

        Assert.True(task.IsFaulted);
        await Assert.ThrowsAsync<ProfileValidationException>(() => task.AsTask());
    }

    [Fact]
    public void Advise_WithACancelledToken_ThrowsOperationCanceled()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => Shipped.Advisor.Advise(Profiles.Minimal(), source.Token));
        Assert.Equal(source.Token, thrown.CancellationToken);
    }

    [Fact]
    public async Task CancelledMidway_EitherCancelsOrAnswersInFull()
    {
        // A token cancelled from another thread while the advisor works through 10,000 topics: the call either
        // finishes with the full, sequential answer or throws OperationCanceledException; nothing else, never a
        // partial report.
        var advisor = Shipped.Advisor;
        var profile = Profiles.Minimal() with
        {
            Topics = Enumerable.Range(0, 10_000).Select(i => new TopicResult { Name = $"Topic {i}", Discipline = i % 3 == 0 ? "pathology" : "anatomy", Seen = i % 7 == 0 ? 1 + (i % 2) : 25 + (i % 30), Incorrect = i % 7 == 0 ? 0 : i % 25 }).ToArray(),
        };
        var expected = RetakeAdviceJson.WriteReport(advisor.Advise(profile));
        int cancelled = 0, answered = 0;

        for (var round = 0; round < 40; round++)
        {
            using var source = new CancellationTokenSource();
            var call = Task.Run(() => advisor.Advise(profile, source.Token));
            await Task.Delay(round % 4);
            await source.CancelAsync();
            try
            {
                Assert.Equal(expected, RetakeAdviceJson.WriteReport(await call));
                answered++;
            }
            catch (OperationCanceledException ex)
            {
                Assert.Equal(source.Token, ex.CancellationToken);
                cancelled++;
            }
        }

        output.WriteLine($"{cancelled} cancelled, {answered} answered in full");
        Assert.Equal(40, cancelled + answered);
        Assert.True(cancelled > 0, "no call was cancelled, not even those cancelled at once");
    }
}
