using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace RetakeAdvice;

/// <summary>Registers RetakeAdvice in a service container.</summary>
public static class RetakeAdviceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RetakeAdvisor"/> as a singleton (with <c>TryAdd</c>: a registration of your own wins).
    /// The options are checked here, so a mistake fails at start-up, not on the first request; the rule set
    /// loads when the advisor is first resolved. A <see cref="TimeProvider"/> and an
    /// <see cref="ILoggerFactory"/> in the container are used when present.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Sets the options; by default the embedded rule set, unwatched.</param>
    /// <returns>The container, for chaining.</returns>
    /// <exception cref="RetakeAdviceOptionsException">The options are not valid; every problem is listed.</exception>
    public static IServiceCollection AddRetakeAdvice(this IServiceCollection services, Action<RetakeAdviceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new RetakeAdviceOptions();
        configure?.Invoke(options);
        var source = options.ToRuleSource();

        services.TryAddSingleton(provider => RetakeAdvisor.Create(source, provider.GetService<TimeProvider>(), provider.GetService<ILoggerFactory>()));
        return services;
    }
}
