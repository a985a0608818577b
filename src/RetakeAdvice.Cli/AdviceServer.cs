using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RetakeAdvice.Cli;

/// <summary>
/// The HTTP advice API on ASP.NET Core minimal APIs: <c>POST /v1/advice</c> (profile in, report out: the same
/// JSON as the CLI), <c>POST /v1/explain</c>, <c>GET /v1/ruleset</c>, <c>GET /healthz</c>, <c>GET /openapi/v1.json</c>,
/// and the page at <c>/</c> that uses them (<see cref="AdvicePage"/>). Built by a factory so tests can run it on loopback.
/// </summary>
public static class AdviceServer
{
    /// <summary>The largest request body accepted: the advice endpoint's own limit.</summary>
    public const long MaxRequestBytes = RetakeAdviceEndpointRouteBuilderExtensions.MaxRequestBytes;

    private const string JsonContentType = "application/json; charset=utf-8";
    private const string PerClient = "per-client";
    private const string BatchTimeout = "batch";

    /// <summary>Where serve listens when neither --urls nor configuration says: this machine only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";
    private const string TelemetryName = "RetakeAdvice"; // the library's meter and activity source

    // A client is its API key's id when it sent one, else its address.
    private static string ClientOf(HttpContext context) =>
        context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value is { } key ? "key:" + key : "ip:" + context.Connection.RemoteIpAddress;

    /// <summary>The log category of ASP.NET Core's health check service.</summary>
    internal const string HealthCheckLogCategory = "Microsoft.Extensions.Diagnostics.HealthChecks";

    /// <summary>Builds the server; start it with <c>StartAsync</c> or <c>RunAsync</c>, then read <c>Urls</c>.</summary>
    /// <param name="advisor">The advisor to serve (the server does not dispose it).</param>
    /// <param name="urls">Where to listen, for example <c>http://127.0.0.1:0</c> for a free port; null for the endpoints in configuration, else <see cref="DefaultUrls"/>.</param>
    /// <param name="logging">Log requests and lifetime events to the console.</param>
    /// <param name="limits">Connections and time a client may hold; the defaults of <see cref="ServerLimits"/> when null.</param>
    /// <param name="configureLogging">Runs after the defaults above: more providers or levels, for example in tests.</param>
    /// <param name="apiKeys">When set, <c>/v1/advice</c>, <c>/v1/explain</c> and <c>/v1/ruleset</c> answer only a request with one of these keys (401 otherwise); <c>/healthz</c>, <c>/openapi/v1.json</c> and the page stay open.</param>
    /// <returns>The application.</returns>
    public static WebApplication Build(RetakeAdvisor advisor, string? urls, bool logging = true, ServerLimits? limits = null, Action<ILoggingBuilder>? configureLogging = null, ApiKeys? apiKeys = null)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        limits ??= new ServerLimits();
        var builder = WebApplication.CreateSlimBuilder();
        // The slim builder leaves out HTTPS from configuration: certificates in Kestrel:Endpoints need it.
        builder.WebHost.UseKestrelHttpsConfiguration();
        // --urls wins; else endpoints from configuration (appsettings.json in the working directory, or variables
        // such as Kestrel__Endpoints__Https__Url with a certificate); else loopback only.
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }
        else if (!builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any() && string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // 300 clients trickling uploads were all held: a connection cap, a floor on the upload rate after a
            // short grace, a bound on the headers' time, and (below) on the whole request.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(limits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(2));
            kestrel.Limits.RequestHeadersTimeout = limits.RequestTimeout;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddRequestTimeouts(timeouts =>
        {
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = limits.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            };
            timeouts.AddPolicy(BatchTimeout, new RequestTimeoutPolicy
            {
                Timeout = limits.BatchRequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            });
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddRetakeAdvice();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // The standard OTEL_* variables configure the exporter (endpoint, protocol, headers, intervals).
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("retake-advice"))
                .WithMetrics(metrics => metrics.AddMeter(TelemetryName).AddOtlpExporter())
                // The request's own span too: an advise span under an unsampled request span would be dropped.
                .WithTracing(tracing => tracing.AddSource(TelemetryName, "Microsoft.AspNetCore").AddOtlpExporter());
        }
        builder.Services.AddSingleton(advisor);
        if (!logging)
        {
            builder.Logging.ClearProviders();
        }
        else
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        // A refused reload is logged once, when it happens; the health check service would log it again, whole, at
        // every probe while it stays refused (Degraded is a warning there). Unhealthy, an error, still shows.
        builder.Logging.AddFilter(HealthCheckLogCategory, LogLevel.Error);

        configureLogging?.Invoke(builder.Logging);

        if (apiKeys is not null)
        {
            builder.Services.AddSingleton(apiKeys);
            builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, configureOptions: null);
            builder.Services.AddAuthorization();
        }

        if (limits.RequestsPerMinute is { } perMinute)
        {
            builder.Services.AddRateLimiter(rateLimits =>
            {
                rateLimits.AddPolicy(PerClient, context => RateLimitPartition.GetFixedWindowLimiter(
                    ClientOf(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
                rateLimits.OnRejected = async (rejected, cancellationToken) =>
                {
                    var response = rejected.HttpContext.Response;
                    if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    {
                        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await Results.Problem(
                        title: "Too many requests",
                        detail: $"At most {perMinute} requests a minute per client; try again after the Retry-After seconds.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
                };
            });
        }

        var app = builder.Build();
        app.UseRequestTimeouts();
        if (apiKeys is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        if (limits.RequestsPerMinute is not null)
        {
            app.UseRateLimiter(); // after authentication: a client with a key is limited by its key, not its address
        }

        var openApi = OpenApiDocument.Create(keysRequired: apiKeys is not null).ToJsonString();

        // The advice API itself is the hosting package's: a host that maps it gets what serve answers.
        var api = app.MapRetakeAdvice();
        // Explain beside advice, in the same group: the same key, rate limit and body handling.
        api.MapPost("/explain", ExplainAsync);
        // A batch streams many profiles: it has its own, longer bound (the upload-rate floor still holds).
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.EndsWith("/advice/batch", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new RequestTimeoutAttribute(BatchTimeout));
            }
        });
        if (apiKeys is not null)
        {
            api.RequireAuthorization(); // the rule set's status names the rule set and its last error: for clients, not passers-by
        }

        if (limits.RequestsPerMinute is not null)
        {
            api.RequireRateLimiting(PerClient);
        }

        app.MapHealthChecks("/healthz"); // Healthy, or Degraded after a refused reload (still 200: the last good set is served)
        app.MapGet("/openapi/v1.json", () => Results.Text(openApi, JsonContentType));
        app.MapAdvicePage();
        return app;
    }

    // Every rule, fired or not, and why: the explain command's JSON. The body is read as the advice endpoint reads it
    // (400 by JSON path, 413 over the limit); a rule that throws shows in its explanation, so there is no 500 here.
    private static async Task<IResult> ExplainAsync(HttpContext context, RetakeAdvisor advisor)
    {
        var (profile, problem) = await RetakeAdviceEndpointRouteBuilderExtensions.ReadProfileAsync(context).ConfigureAwait(false);
        if (profile is null)
        {
            return problem!;
        }

        try
        {
            return Results.Text(RetakeAdviceJson.WriteExplanation(advisor.Explain(profile, context.RequestAborted)), JsonContentType);
        }
        catch (ProfileValidationException ex)
        {
            return RetakeAdviceEndpointRouteBuilderExtensions.Invalid(ex);
        }
    }
}

/// <summary>What one client may hold of the server: connections, time, and the pace of its upload.</summary>
public sealed record ServerLimits
{
    /// <summary>Open connections at once; more are refused. Default 100.</summary>
    public int MaxConnections { get; init; } = 100;

    /// <summary>The longest a request may take, upload and advice together; then 503. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a batch request (<c>POST /v1/advice/batch</c>) may take. Default 5 minutes.</summary>
    public TimeSpan BatchRequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The slowest upload accepted after a 2-second grace: slower connections are closed. Default 1 KB/s.</summary>
    public double MinBodyBytesPerSecond { get; init; } = 1024;

    /// <summary>Requests a minute each client may make to the advice API (by API key, else by address); more get 429. Default: no limit.</summary>
    public int? RequestsPerMinute { get; init; }
}
