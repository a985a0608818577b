using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
    public void AddRetakeAdvice_InvalidOptions_ReadNothingAtRegistration_AndListEveryProblemWhenUsed()
    {
        var services = new ServiceCollection().AddRetakeAdvice(o =>
        {
            o.RulesDirectory = "/no/such/rules/folder";
            o.ReloadDelay = TimeSpan.FromSeconds(10);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<RetakeAdvisor>());

        Assert.Equal(
            ["RulesDirectory: the folder '/no/such/rules/folder' does not exist", "ReloadDelay: must be from 0 to 4 seconds (was 00:00:10)"],
            error.Failures);
    }

    [Fact]
    public async Task AddRetakeAdvice_UnderAHost_InvalidOptionsFailTheStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddRetakeAdvice(o => o.WatchRulesDirectory = true);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(["WatchRulesDirectory: needs a RulesDirectory to watch (the embedded rule set never changes)"], error.Failures);
    }

    [Fact]
    public async Task AddRetakeAdvice_UnderAHost_ABrokenFolderFailsTheStart_NotTheFirstRequest()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.NoSuchFact");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddRetakeAdvice(o => o.RulesDirectory = folder.Path);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<RuleSetException>(() => host.StartAsync());

        Assert.Contains(error.Errors, e => e.File == "school.json" && e.Rule == "school.contact-now");
    }

    [Fact]
    public async Task AddRetakeAdvice_UnderAHost_LoadsTheRulesAtStart()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddRetakeAdvice(o => o.RulesDirectory = folder.Path);
        using var host = builder.Build();
        await host.StartAsync();

        // Loaded at start: the folder can go away, and the advisor still advises.
        Directory.Delete(folder.Path, recursive: true);
        var advisor = host.Services.GetRequiredService<RetakeAdvisor>();

        Assert.NotEmpty(advisor.Advise(Profiles.Minimal()).Recommendations);
        await host.StopAsync();
    }

    [Fact]
    public void AddRetakeAdvice_Callbacks_Compose()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "8.8.8");
        using var provider = new ServiceCollection()
            .AddRetakeAdvice(o => o.RulesDirectory = folder.Path)
            .AddRetakeAdvice(o => o.ReloadDelay = TimeSpan.FromSeconds(2))
            .BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RetakeAdviceOptions>>().Value;

        Assert.Equal((folder.Path, TimeSpan.FromSeconds(2)), (options.RulesDirectory, options.ReloadDelay));
        Assert.Equal("8.8.8", provider.GetRequiredService<RetakeAdvisor>().RuleSet.Version);
    }

    [Fact]
    public void AddRetakeAdvice_Configuration_BindsTheOptions()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["version"] = "7.7.7");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RetakeAdvice:RulesDirectory"] = folder.Path,
            ["RetakeAdvice:ReloadDelay"] = "00:00:01.5",
        }).Build();

        using var provider = new ServiceCollection().AddRetakeAdvice(configuration.GetSection("RetakeAdvice")).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(1.5), provider.GetRequiredService<IOptions<RetakeAdviceOptions>>().Value.ReloadDelay);
        Assert.Equal("7.7.7", provider.GetRequiredService<RetakeAdvisor>().RuleSet.Version);
    }

    [Fact]
    public void AddRetakeAdvice_RelativeFolder_FollowsTheContentRoot()
    {
        using var root = TempRuleFolder.CopyOfShippedRules();
        root.EditJson("ruleset.json", manifest => manifest["version"] = "6.6.6");
        var contentRoot = Path.GetDirectoryName(root.Path)!;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        builder.Services.AddRetakeAdvice(o => o.RulesDirectory = Path.GetFileName(root.Path));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<RetakeAdviceOptions>>().Value;

        Assert.NotEqual(contentRoot, Directory.GetCurrentDirectory());
        Assert.Equal(root.Path, options.RulesDirectory);
        Assert.Equal("6.6.6", host.Services.GetRequiredService<RetakeAdvisor>().RuleSet.Version);
    }

    [Fact]
    public void Options_WatchWithoutAFolder_IsAnError()
    {
        var options = new RetakeAdviceOptions { WatchRulesDirectory = true };

        var error = Assert.Throws<RetakeAdviceOptionsException>(options.Validate);

        Assert.Equal(["WatchRulesDirectory: needs a RulesDirectory to watch (the embedded rule set never changes)"], error.Errors);
    }

    [Fact]
    public void MapRetakeAdvice_WithoutAddRetakeAdvice_SaysWhatIsMissingAtStart()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRetakeAdvice());

        Assert.Contains("AddRetakeAdvice()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRetakeAdvice_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RetakeAdviceServiceCollectionExtensions.AddRetakeAdvice(null!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddRetakeAdvice_ContainerDisposed_StopsWatching(bool dispose)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var quiet = TimeSpan.FromSeconds(1);
        var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddRetakeAdvice(o =>
        {
            o.RulesDirectory = folder.Path;
            o.WatchRulesDirectory = true;
            o.ReloadDelay = quiet;
        }).BuildServiceProvider();
        var advisor = provider.GetRequiredService<RetakeAdvisor>();
        var before = advisor.RuleSet;
        if (dispose)
        {
            await provider.DisposeAsync();
        }

        folder.EditJson("ruleset.json", manifest => manifest["version"] = "2.0.0");

        if (dispose)
        {
            // The event has long arrived and the quiet period passed many times over: a disposed advisor stays put.
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(25);
                clock.Advance(quiet);
            }

            Assert.Equal(before, advisor.RuleSet);
        }
        else
        {
            // The control: the same edit in a live container is swapped in.
            await FakeClockWatch.Until(clock, quiet, () => advisor.RuleSet.Version == "2.0.0", "the live container reloads");
            await provider.DisposeAsync();
        }
    }
}
