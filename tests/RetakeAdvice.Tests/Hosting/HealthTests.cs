using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>Health follows the rule set: Healthy while the last load succeeded, Degraded after a refused reload.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task HealthCheck_RefusedReload_IsDegradedNamingTheError_ThenHealthyAgain()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        await using var provider = new ServiceCollection().AddSingleton(advisor).AddLogging().AddHealthChecks().AddRetakeAdvice().Services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var served = advisor.RuleSet.Sha256;
        var before = await health.CheckHealthAsync();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.NoSuchFact");
        Assert.Throws<RuleSetException>(advisor.Reload);
        var refused = await health.CheckHealthAsync();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "enrolledAtSchool && facts.SchoolContacted == false");
        advisor.Reload();
        var after = await health.CheckHealthAsync();

        Assert.Equal((HealthStatus.Healthy, HealthStatus.Degraded, HealthStatus.Healthy), (before.Status, refused.Status, after.Status));
        var entry = refused.Entries["retake-advice"];
        Assert.Contains("school.json", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Path, entry.Description, StringComparison.Ordinal); // the folder's name, not where it is
        Assert.Equal(served, entry.Data["sha256"]); // the last good rule set, still served
    }

    [Fact]
    public async Task Serve_Healthz_SaysDegradedWithA200_AfterARefusedReload()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        await using var app = AdviceServer.Build(advisor, "http://127.0.0.1:0", logging: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var healthy = await client.GetAsync("/healthz");
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.NoSuchFact");
        Assert.Throws<RuleSetException>(advisor.Reload);
        var degraded = await client.GetAsync("/healthz");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (healthy.StatusCode, await healthy.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (degraded.StatusCode, await degraded.Content.ReadAsStringAsync()));
        var status = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/v1/ruleset"))!;
        var error = (string?)status["lastReloadError"];
        Assert.StartsWith($"The rule set in {Path.GetFileName(folder.Path)} is not valid (1 error):", error, StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Path, error, StringComparison.Ordinal); // the folder's name, not where the server keeps it
        await app.StopAsync();
    }

    [Fact]
    public async Task Serve_Healthz_AfterARefusedReload_DoesNotLogTheErrorAgainAtEveryProbe()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var log = new CapturingLoggerProvider();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        await using var app = AdviceServer.Build(advisor, "http://127.0.0.1:0", logging: true, configureLogging: logging => logging.AddProvider(log));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.NoSuchFact");
        Assert.Throws<RuleSetException>(advisor.Reload);
        for (var probe = 0; probe < 3; probe++)
        {
            Assert.Equal("Degraded", await client.GetStringAsync("/healthz"));
        }

        await app.StopAsync();
        // Log lines, not scopes (a logger opens those whatever the level): nothing from the health probes.
        var logged = log.Lines.Where(line => !line.Contains(" scope: ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(logged, line => line.StartsWith(AdviceServer.HealthCheckLogCategory, StringComparison.Ordinal));
    }
}
