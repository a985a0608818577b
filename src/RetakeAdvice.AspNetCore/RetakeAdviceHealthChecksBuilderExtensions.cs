using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RetakeAdvice;

// In the namespace of AddHealthChecks, as the health checks of other libraries are: no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the RetakeAdvice health check.</summary>
public static class RetakeAdviceHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the advisor's rule set: <see cref="HealthStatus.Healthy"/> while the last load succeeded,
    /// <see cref="HealthStatus.Degraded"/> with the error after a refused reload (the last good rule set is still
    /// served, so the app keeps answering). The data names the rule set served.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; <c>retake-advice</c> by default.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddRetakeAdvice(this IHealthChecksBuilder builder, string name = "retake-advice", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<RuleSetHealthCheck>(name, failureStatus: HealthStatus.Degraded, tags ?? []);
    }

    private sealed class RuleSetHealthCheck(RetakeAdvisor advisor) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = advisor.Status;
            var info = status.RuleSet;
            var error = RetakeAdviceEndpointRouteBuilderExtensions.ReloadErrorForClients(status, advisor.RulesDirectory);
            var data = new Dictionary<string, object>
            {
                ["name"] = info.Name,
                ["version"] = info.Version,
                ["sha256"] = info.Sha256,
            };
            return Task.FromResult(error is null
                ? HealthCheckResult.Healthy($"rule set {info.Name} {info.Version}", data)
                : HealthCheckResult.Degraded($"the last reload was refused; still serving {info.Name} {info.Version}: {error}", data: data));
        }
    }
}
