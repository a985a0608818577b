using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RetakeAdvice.Cli;

/// <summary>
/// The page at <c>/</c> for rule authors and advisors: pick a sample or paste a profile, see the cards a student
/// would see and why each rule fired or not, through the same API a client uses. Its HTML, CSS and script and the
/// sample profiles are resources of this assembly, so an installed tool serves them with no files beside it and
/// nothing from the network. Each file carries an ETag of its content; the page a Content-Security-Policy that
/// allows no inline script, no eval and nothing from another origin.
/// </summary>
internal static class AdvicePage
{
    /// <summary>What the page may load and do: its own files and API only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private const string ResourcePrefix = "page/";
    private const string SamplePrefix = "samples/";

    private static readonly FrozenDictionary<string, Asset> Assets = Load(ResourcePrefix, name => name switch
    {
        _ when name.EndsWith(".html", StringComparison.Ordinal) => "text/html; charset=utf-8",
        _ when name.EndsWith(".css", StringComparison.Ordinal) => "text/css; charset=utf-8",
        _ when name.EndsWith(".js", StringComparison.Ordinal) => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    });

    private static readonly FrozenDictionary<string, Asset> Samples = Load(SamplePrefix, _ => "application/json; charset=utf-8");

    private static readonly Asset SampleList = Asset.Of(
        Encoding.UTF8.GetBytes(new JsonArray([.. Samples.Keys.Order(StringComparer.Ordinal).Select(name => JsonValue.Create(name))]).ToJsonString()),
        "application/json; charset=utf-8");

    /// <summary>The names of the embedded samples, without <c>.json</c>.</summary>
    public static IEnumerable<string> SampleNames => Samples.Keys;

    /// <summary>
    /// Maps <c>GET /</c> (the page), <c>GET /page.css</c>, <c>GET /page.js</c>, <c>GET /samples</c> (the sample names)
    /// and <c>GET /samples/{name}</c> (one sample profile). They are open whatever keys the API needs: they hold
    /// nothing but the tool's own files.
    /// </summary>
    public static void MapAdvicePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context) => Serve(context, Assets["index.html"]));
        endpoints.MapGet("/page.css", (HttpContext context) => Serve(context, Assets["page.css"]));
        endpoints.MapGet("/page.js", (HttpContext context) => Serve(context, Assets["page.js"]));
        endpoints.MapGet("/samples", (HttpContext context) => Serve(context, SampleList));
        endpoints.MapGet("/samples/{name}", (HttpContext context, string name) =>
            Samples.TryGetValue(name, out var sample)
                ? Serve(context, sample)
                : Results.Problem(title: "No such sample", detail: $"There is no sample named '{name}'; GET /samples lists them.", statusCode: StatusCodes.Status404NotFound));
    }

    private static IResult Serve(HttpContext context, Asset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Cached, but asked after each time: a new version of the tool serves new files at once.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == asset.ETag || tag.Tag == "*"))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load(string prefix, Func<string, string> contentType)
    {
        var assembly = typeof(AdvicePage).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => prefix == SamplePrefix ? Path.GetFileNameWithoutExtension(name[prefix.Length..]) : name[prefix.Length..],
                name => Asset.Of(Read(assembly, name), contentType(name)),
                StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag)
    {
        public static Asset Of(byte[] content, string contentType) =>
            new(content, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
    }
}
