using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace RetakeAdvice.Tests.Hosting;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddRetakeAdvice_Default_ResolvesOneSharedAdvisorOnTheEmbeddedRules()
    {
        using var provider = new ServiceCollection().AddRetakeAdvice().BuildServiceProvider();

        var first = provider.GetRequiredService<RetakeAdvisor>();
        var second = provider.GetRequiredService<RetakeAdvisor>();

        Assert.Same(first, second);
        Assert.Equal(RetakeAdvisor.Create().RuleSet, first.RuleSet);
    }

    [Fact]
    public void AddRetakeAdvice_UserRegistrationFirst_IsNotReplaced()
    {
        var mine = RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules));
        var services = new ServiceCollection().AddSingleton(mine);

        using var provider = services.AddRetakeAdvice(o => o.RulesDirectory = RepoPaths.Rules).BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<RetakeAdvisor>());
        Assert.Single(services, d => d.ServiceType == typeof(RetakeAdvisor));
    }

    [Fact]
    public void AddRetakeAdvice_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection().AddRetakeAdvice().AddRetakeAdvice();

        Assert.Single(services, d => d.ServiceType == typeof(RetakeAdvisor));
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(RetakeAdvisor)).Lifetime);
    }

    [Fact]
    public void AddRetakeAdvice_RulesDirectory_UsesThatFolder()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "9.9.9");

        using var provider = new ServiceCollection().AddRetakeAdvice(o => o.RulesDirectory = folder.Path).BuildServiceProvider();

        Assert.Equal("9.9.9", provider.GetRequiredService<RetakeAdvisor>().RuleSet.Version);
    }

    [Fact]
    public void AddRetakeAdvice_TimeProviderInTheContainer_DatesProfilesWithoutAsOf()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 23, 30, 0, TimeSpan.Zero));
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddRetakeAdvice().BuildServiceProvider();

        var report = provider.GetRequiredService<RetakeAdvisor>().Advise(Profiles.Minimal() with { AsOf = null, FailedAttempts = [new FailedAttempt { Date = new DateOnly(2026, 1, 5), PointsBelowPassing = 4 }] });

        Assert.Equal(new DateOnly(2026, 3, 4), report.AsOf);
    }

    [Fact]
    public void AddRetakeAdvice_InvalidOptions_ThrowsAtRegistrationListingEveryProblem()
    {
        var error = Assert.Throws<RetakeAdviceOptionsException>(() => new ServiceCollection().AddRetakeAdvice(o =>
        {
            o.RulesDirectory = "/no/such/rules/folder";
            o.ReloadDelay = TimeSpan.FromSeconds(10);
        }));

        Assert.Equal(
            "RetakeAdvice options are not valid:\n"
            + "- RulesDirectory: the folder '/no/such/rules/folder' does not exist\n"
            + "- ReloadDelay: must be from 0 to 4 seconds (was 00:00:10)",
            error.Message);
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void Options_WatchWithoutAFolder_IsAnError()
    {
        var options = new RetakeAdviceOptions { WatchRulesDirectory = true };

        var error = Assert.Throws<RetakeAdviceOptionsException>(options.Validate);

        Assert.Equal(["WatchRulesDirectory: needs a RulesDirectory to watch (the embedded rule set never changes)"], error.Errors);
    }

    [Fact]
    public void AddRetakeAdvice_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RetakeAdviceServiceCollectionExtensions.AddRetakeAdvice(null!));
    }

    [Fact]
    public async Task AddRetakeAdvice_ContainerDisposed_StopsWatching()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var provider = new ServiceCollection().AddRetakeAdvice(o =>
        {
            o.RulesDirectory = folder.Path;
            o.WatchRulesDirectory = true;
            o.ReloadDelay = TimeSpan.FromMilliseconds(50);
        }).BuildServiceProvider();
        var advisor = provider.GetRequiredService<RetakeAdvisor>();
        var before = advisor.RuleSet;

        await provider.DisposeAsync();
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "2.0.0");
        await Task.Delay(600);

        Assert.Equal(before, advisor.RuleSet);
    }
}
