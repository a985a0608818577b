using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetakeAdvice.Hosting;

namespace RetakeAdvice;

/// <summary>Registers RetakeAdvice in a service container.</summary>
public static class RetakeAdviceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RetakeAdvisor"/> as a singleton (with <c>TryAdd</c>: a registration of your own wins), on
    /// <see cref="RetakeAdviceOptions"/> from the options system. Each call's <paramref name="configure"/> is added,
    /// so calls compose; nothing is read from disk here. Under a host, the options are validated when it starts
    /// (every problem in one <see cref="OptionsValidationException"/>) and the rules are loaded then, so a broken
    /// folder fails the start, not the first request; a relative <see cref="RetakeAdviceOptions.RulesDirectory"/>
    /// follows the host's content root. A <see cref="TimeProvider"/> and an <see cref="ILoggerFactory"/> in the
    /// container are used when present.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Sets the options; by default the embedded rule set, unwatched.</param>
    /// <returns>The container, for chaining.</returns>
#pragma warning disable RS0027 // shipped with its optional callback; the configuration overload beside it is the Microsoft.Extensions pattern (only a bare null literal is ambiguous)
    public static IServiceCollection AddRetakeAdvice(this IServiceCollection services, Action<RetakeAdviceOptions>? configure = null)
#pragma warning restore RS0027
    {
        var options = AddCore(services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Registers <see cref="RetakeAdvisor"/> as <see cref="AddRetakeAdvice(IServiceCollection, Action{RetakeAdviceOptions}?)"/>
    /// does, with the options bound from configuration, for example <c>builder.Configuration.GetSection("RetakeAdvice")</c>
    /// with keys <c>RulesDirectory</c>, <c>WatchRulesDirectory</c> and <c>ReloadDelay</c> (<c>00:00:00.500</c>).
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">The section that holds the options.</param>
    /// <returns>The container, for chaining.</returns>
    public static IServiceCollection AddRetakeAdvice(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services).Bind(configuration);
        return services;
    }

    private static OptionsBuilder<RetakeAdviceOptions> AddCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RetakeAdviceOptions>();
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return options; // a second call adds its settings, nothing else
        }

        services.AddSingleton<Registered>();
        options.PostConfigure<IServiceProvider>(static (settings, provider) =>
        {
            // A relative folder follows the host's content root, not whatever the working directory happens to be.
            if (settings.RulesDirectory is { Length: > 0 } folder && !Path.IsPathRooted(folder) && provider.GetService<IHostEnvironment>() is { } host)
            {
                settings.RulesDirectory = Path.GetFullPath(Path.Combine(host.ContentRootPath, folder));
            }
        });
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetakeAdviceOptions>, OptionsValidator>());
        services.TryAddSingleton(static provider => RetakeAdvisor.Create(
            provider.GetRequiredService<IOptions<RetakeAdviceOptions>>().Value.ToRuleSource(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RulesLoadedAtStart>());
        return options;
    }

    /// <summary>Marks a container that RetakeAdvice is registered in.</summary>
    private sealed class Registered;

    /// <summary>The options' own checks, for the options system: every problem in one result.</summary>
    private sealed class OptionsValidator : IValidateOptions<RetakeAdviceOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetakeAdviceOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
