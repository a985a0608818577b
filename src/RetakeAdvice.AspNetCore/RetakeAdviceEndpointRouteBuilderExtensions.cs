using System.Buffers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RetakeAdvice;

// In the namespace of WebApplication, as ASP.NET Core's own Map… extensions are: app.MapRetakeAdvice() needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the RetakeAdvice HTTP API into an ASP.NET Core app.</summary>
public static class RetakeAdviceEndpointRouteBuilderExtensions
{
    /// <summary>The largest request body an advice endpoint reads: the library's own profile limit (4 MiB).</summary>
    public const long MaxRequestBytes = RetakeAdviceJson.MaxProfileBytes;

    /// <summary>
    /// The largest batch request body read: 256 MiB (each line at most <see cref="MaxRequestBytes"/>). The body is
    /// spooled to a temporary file past its first MiB before it is answered.
    /// </summary>
    public const long MaxBatchRequestBytes = 256L * 1024 * 1024;

    /// <summary>The most profiles (lines) one batch request holds; the line after them is answered with an error.</summary>
    public const int MaxBatchProfiles = AdviceBatchOptions.DefaultMaxProfiles;

    private const string JsonContentType = "application/json; charset=utf-8";
    private const string NdjsonContentType = "application/x-ndjson; charset=utf-8";

    /// <summary>
    /// Maps <c>POST {prefix}/advice</c> (a profile in, the report out: the same JSON as the library and the
    /// <c>retake-advice</c> command; 400 problem details with <c>errors</c> keyed by JSON path for a bad profile, 413
    /// over <see cref="MaxRequestBytes"/>, 500 naming the rule when a rule throws; on one line unless the query says
    /// <c>indent=true</c>), <c>POST {prefix}/advice/batch</c> (NDJSON in, one profile per line, at most
    /// <see cref="MaxBatchProfiles"/> lines and <see cref="MaxBatchRequestBytes"/>; NDJSON out, streamed, in the same
    /// order: each line the report, or <c>{"line": n, "errors": {...}}</c> for an invalid one; see
    /// <see cref="RetakeAdvisor.AdviseBatchAsync"/>) and <c>GET {prefix}/ruleset</c>
    /// (name, version, SHA-256, rule count and last reload error, from one snapshot). The advisor comes from the
    /// container: register it with <c>AddRetakeAdvice</c>.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix; <c>/v1</c> by default, as <c>retake-advice serve</c> uses.</param>
    /// <returns>The group of the mapped endpoints, to add authorization, rate limiting or metadata to.</returns>
    public static RouteGroupBuilder MapRetakeAdvice(this IEndpointRouteBuilder endpoints, string prefix = "/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        // Without the advisor, minimal APIs would read it as a request body and fail the first request obscurely.
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } services && !services.IsService(typeof(RetakeAdvisor)))
        {
            throw new InvalidOperationException("MapRetakeAdvice needs a RetakeAdvisor in the container: call builder.Services.AddRetakeAdvice() before building the app.");
        }

        var group = endpoints.MapGroup(prefix);
        group.MapPost("/advice", AdviseAsync);
        group.MapPost("/advice/batch", AdviseBatchAsync);
        group.MapGet("/ruleset", (RetakeAdvisor advisor) => Results.Text(RuleSetStatus(advisor).ToJsonString(), JsonContentType));
        return group;
    }

    /// <summary>The rule set's status: what is served, and why the last reload was refused, if it was.</summary>
    internal static JsonObject RuleSetStatus(RetakeAdvisor advisor)
    {
        var status = advisor.Status; // one snapshot: a reload cannot land between the fields
        return new JsonObject
        {
            ["name"] = status.RuleSet.Name,
            ["version"] = status.RuleSet.Version,
            ["sha256"] = status.RuleSet.Sha256,
            ["rules"] = status.RuleIds.Count,
            ["precompiled"] = status.Precompiled,
            ["lastReloadError"] = ReloadErrorForClients(status, advisor.RulesDirectory),
        };
    }

    /// <summary>
    /// The last reload error as a client of the API may read it: the rule folder by its name, not where the server
    /// keeps it (the errors themselves name files relative to the folder).
    /// </summary>
    internal static string? ReloadErrorForClients(RuleSetStatus status, string? location) =>
        status.LastReloadErrors is { } errors
            ? RuleSetException.Format(location is null ? "the rule folder" : Path.GetFileName(location.TrimEnd('/', '\\')), errors)
            : null;

    private static async Task<IResult> AdviseAsync(HttpContext context, RetakeAdvisor advisor)
    {
        var (profile, problem) = await ReadProfileAsync(context).ConfigureAwait(false);
        if (profile is null)
        {
            return problem!;
        }

        try
        {
            var report = await advisor.AdviseAsync(profile, context.RequestAborted).ConfigureAwait(false);
            return new ReportResult(report, Indented(context.Request));
        }
        catch (ProfileValidationException ex)
        {
            return Invalid(ex);
        }
        catch (RuleEvaluationException ex)
        {
            return Results.Problem(title: "A rule failed", detail: ex.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// Reads the request's profile as <c>POST {prefix}/advice</c> does: at most <see cref="MaxRequestBytes"/> (413 past
    /// it), 400 problem details by JSON path for a bad one. The limits that need the rule set are left to the advisor:
    /// answer its <see cref="ProfileValidationException"/> with <see cref="Invalid"/>. Also serve's own endpoints that
    /// take a profile (<c>POST /v1/explain</c>) read it here, so they answer alike.
    /// </summary>
    /// <returns>The profile; or null, and the problem to answer.</returns>
    internal static async Task<(RetakeProfile? Profile, IResult? Problem)> ReadProfileAsync(HttpContext context)
    {
        // The server's own body limit may be larger (Kestrel's default is 30 MB): this endpoint reads at most 4 MiB.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > MaxRequestBytes))
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return (null, TooLarge());
        }

        // The body goes into a pooled buffer, sized by Content-Length when there is one (one byte over, to see the
        // end without a second buffer), read straight from the request and returned after the profile is read.
        var buffer = ArrayPool<byte>.Shared.Rent(context.Request.ContentLength is { } length ? (int)length + 1 : 16 * 1024);
        try
        {
            var filled = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                filled += read;
                if (filled > MaxRequestBytes)
                {
                    return (null, TooLarge());
                }

                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, MaxRequestBytes + 1));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            // Read here, validated once: the advisor checks the limits with the rule set's standards.
            return (RetakeAdviceJson.ReadProfileToAdvise(buffer.AsSpan(0, filled)), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (ProfileValidationException ex)
        {
            return (null, Invalid(ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task AdviseBatchAsync(HttpContext context, RetakeAdvisor advisor)
    {
        // The server's own body limit is a profile's: a batch raises it to the batch's for its own request.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBatchRequestBytes;
        }

        // The upload is spooled first (up to 1 MiB in memory, the rest in a temporary file), then advised and
        // answered as a stream. Most HTTP/1.1 clients send the whole body before they read a byte of the answer:
        // answered while still reading, such a client and the server would each wait for the other once the answers
        // filled the connection's buffers. Spooled, the server's memory stays flat and no client can stall it.
        var tooLarge = Results.Problem(
            title: "The request is too large",
            detail: $"A batch may be at most {MaxBatchRequestBytes} bytes; split it.",
            statusCode: StatusCodes.Status413PayloadTooLarge);
        if (context.Request.ContentLength > MaxBatchRequestBytes)
        {
            await tooLarge.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            context.Request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: MaxBatchRequestBytes);
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            context.Request.Body.Position = 0;
        }
        // Over the server's limit, or (on a server without one) over the spool's.
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || (ex is IOException && !context.RequestAborted.IsCancellationRequested))
        {
            await tooLarge.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = NdjsonContentType;
        await advisor.AdviseBatchAsync(context.Request.Body, context.Response.Body, new AdviceBatchOptions { MaxProfiles = MaxBatchProfiles }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reports go out on one line unless the client asks for them indented with <c>?indent=true</c>.</summary>
    private static bool Indented(HttpRequest request) =>
        request.Query.TryGetValue("indent", out var indent) && bool.TryParse(indent, out var yes) && yes;

    /// <summary>400 problem details: the profile's problems in <c>errors</c>, keyed by JSON path.</summary>
    internal static IResult Invalid(ProfileValidationException ex)
    {
        var errors = ex.Errors
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        // The problems once, in errors; the detail only counts them.
        var detail = ex.Errors.Count == 1 ? "1 problem; see errors." : $"{ex.Errors.Count} problems; see errors.";
        return Results.ValidationProblem(errors, title: "The profile is not valid", detail: detail);
    }

    /// <summary>A report written straight into the response: no string, no copy.</summary>
    private sealed class ReportResult(AdviceReport report, bool indented) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = JsonContentType;
            RetakeAdviceJson.WriteReportUtf8(response.BodyWriter, report, indented);
            return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
        }
    }

    private static IResult TooLarge() => Results.Problem(
        title: "The request is too large",
        detail: $"A profile may be at most {MaxRequestBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
