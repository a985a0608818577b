using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RetakeAdvice.Cli;

/// <summary>
/// The HTTP advice API on ASP.NET Core minimal APIs: <c>POST /v1/advice</c> (profile in, report out: the same
/// JSON as the CLI), <c>GET /v1/ruleset</c>, <c>GET /healthz</c>, <c>GET /openapi/v1.json</c>. Built by a factory
/// so tests can run it on loopback.
/// </summary>
public static class AdviceServer
{
    /// <summary>The largest request body accepted: the library's own profile limit.</summary>
    public const long MaxRequestBytes = RetakeAdviceJson.MaxProfileBytes;

    private const string JsonContentType = "application/json; charset=utf-8";

    private static readonly System.Text.Json.JsonSerializerOptions StatusJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the server; start it with <c>StartAsync</c> or <c>RunAsync</c>, then read <c>Urls</c>.</summary>
    /// <param name="advisor">The advisor to serve (the server does not dispose it).</param>
    /// <param name="urls">Where to listen, for example <c>http://127.0.0.1:0</c> for a free port.</param>
    /// <param name="logging">Log requests and lifetime events to the console.</param>
    /// <param name="limits">Connections and time a client may hold; the defaults of <see cref="ServerLimits"/> when null.</param>
    /// <param name="configureLogging">Runs after the defaults above: more providers or levels, for example in tests.</param>
    /// <param name="apiKeys">When set, <c>/v1/advice</c> and <c>/v1/ruleset</c> answer only a request with one of these keys (401 otherwise); <c>/healthz</c> and <c>/openapi/v1.json</c> stay open.</param>
    /// <returns>The application.</returns>
    public static WebApplication Build(RetakeAdvisor advisor, string urls, bool logging = true, ServerLimits? limits = null, Action<ILoggingBuilder>? configureLogging = null, ApiKeys? apiKeys = null)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        limits ??= new ServerLimits();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
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
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = limits.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(advisor);
        if (!logging)
        {
            builder.Logging.ClearProviders();
        }
        else
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        configureLogging?.Invoke(builder.Logging);

        if (apiKeys is not null)
        {
            builder.Services.AddSingleton(apiKeys);
            builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, configureOptions: null);
            builder.Services.AddAuthorization();
        }

        var app = builder.Build();
        app.UseRequestTimeouts();
        if (apiKeys is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        var openApi = OpenApiDocument.Create(keysRequired: apiKeys is not null).ToJsonString();

        var advice = app.MapPost("/v1/advice", AdviseAsync);
        var ruleSet = app.MapGet("/v1/ruleset", (RetakeAdvisor served) => Results.Text(RuleSetStatus(served).ToJsonString(StatusJson), JsonContentType));
        if (apiKeys is not null)
        {
            advice.RequireAuthorization();
            ruleSet.RequireAuthorization(); // it names the rule set and its last error: for clients, not passers-by
        }

        app.MapGet("/healthz", () => Results.Text("ok", "text/plain"));
        app.MapGet("/openapi/v1.json", () => Results.Text(openApi, JsonContentType));
        return app;
    }

    internal static JsonObject RuleSetStatus(RetakeAdvisor advisor)
    {
        var info = advisor.RuleSet;
        return new JsonObject
        {
            ["name"] = info.Name,
            ["version"] = info.Version,
            ["sha256"] = info.Sha256,
            ["rules"] = advisor.RuleIds.Count,
            ["lastReloadError"] = WithoutFolderPath(advisor.LastReloadError),
        };
    }

    /// <summary>
    /// A reload error names the rule folder by its full path; a client of the API learns its name, not where the
    /// server keeps it. The errors themselves name files relative to the folder.
    /// </summary>
    internal static string? WithoutFolderPath(string? error)
    {
        const string Lead = "The rule set in ";
        const string Tail = " is not valid";
        if (error is null || !error.StartsWith(Lead, StringComparison.Ordinal) || error.IndexOf(Tail, Lead.Length, StringComparison.Ordinal) is not (> 0 and var end))
        {
            return error;
        }

        var folder = error[Lead.Length..end].TrimEnd('/', '\\');
        return Lead + Path.GetFileName(folder) + error[end..];
    }

    private static async Task<IResult> AdviseAsync(HttpContext context, RetakeAdvisor advisor)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(
                title: "The request is too large",
                detail: $"A profile may be at most {MaxRequestBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            var profile = RetakeAdviceJson.ReadProfile(body);
            var report = await advisor.AdviseAsync(profile, context.RequestAborted).ConfigureAwait(false);
            return Results.Text(RetakeAdviceJson.WriteReport(report), JsonContentType);
        }
        catch (ProfileValidationException ex)
        {
            var errors = ex.Errors
                .GroupBy(e => e.Path, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
            // The problems once, in errors; the detail only counts them.
            var detail = ex.Errors.Count == 1 ? "1 problem; see errors." : $"{ex.Errors.Count} problems; see errors.";
            return Results.ValidationProblem(errors, title: "The profile is not valid", detail: detail);
        }
        catch (RuleEvaluationException ex)
        {
            return Results.Problem(title: "A rule failed", detail: ex.Message, statusCode: StatusCodes.Status500InternalServerError);
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

    /// <summary>The slowest upload accepted after a 2-second grace: slower connections are closed. Default 1 KB/s.</summary>
    public double MinBodyBytesPerSecond { get; init; } = 1024;
}
