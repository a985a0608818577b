using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RetakeAdvice.Hosting;

/// <summary>
/// Resolves the advisor when the host starts, which loads the rule set: a folder that does not load fails the
/// start with its <see cref="RuleSetException"/>, instead of the first request.
/// </summary>
internal sealed class RulesLoadedAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RetakeAdvisor>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
