using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using RetakeAdvice.Json;
using RetakeAdvice.Primitives;
using RetakeAdvice.Validation;

namespace RetakeAdvice;

/// <summary>
/// The JSON settings of the contract: camelCase names, string enums, ISO dates, unknown fields refused.
/// They read profiles and write reports exactly as the <c>retake-advice</c> command and the HTTP API do.
/// </summary>
public static class RetakeAdviceJson
{
    /// <summary>The deepest nesting a profile may have; real profiles need four levels.</summary>
    public const int MaxDepth = 16;

    /// <summary>
    /// The largest profile accepted, in UTF-8 bytes: a profile at every limit (10,000 topics, 100 items in each
    /// other list, 200-character names) fits with room to spare. The CLI and the HTTP API enforce the same limit.
    /// </summary>
    public const int MaxProfileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Serializer options over a source-generated context, for <c>JsonSerializer.Serialize(report, RetakeAdviceJson.Options)</c>
    /// and for a profile inside a host's own types. Reading a <see cref="RetakeProfile"/> with them goes through
    /// <see cref="ReadProfile(ReadOnlySpan{byte})"/>: every problem, as one <see cref="ProfileValidationException"/>.
    /// The instance is read-only.
    /// </summary>
    public static JsonSerializerOptions Options => PublicOptions;

    /// <summary>
    /// The context every read and write goes through. Text is written HTML-safe: &lt;, &gt;, &amp;, quotes and
    /// apostrophes are escaped (<c>\u003C</c>, <c>\u0027</c>), so a page may inline a report in a script element and a
    /// profile's <c>&lt;/script&gt;</c> cannot end it. Letters of every script stay as they are (emoji, outside the
    /// basic plane, are escaped as surrogate pairs).
    /// </summary>
    internal static RetakeAdviceJsonContext Context { get; } = new(new JsonSerializerOptions(RetakeAdviceJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    // After Context: static fields initialize in the order they are written.
    private static readonly JsonSerializerOptions PublicOptions = CreateOptions();

    /// <summary>
    /// Reads a profile from UTF-8 JSON: the one way to read a profile, used by the CLI and the HTTP API. Reports every
    /// problem together, as one <see cref="ProfileValidationException"/>: malformed JSON, wrong JSON types,
    /// unknown fields, and the limits that need neither a rule set nor the advice date (the passing-standard check
    /// and dates against <c>asOf</c> are the advisor's, so a host can still override <c>asOf</c>).
    /// </summary>
    /// <param name="utf8Json">The profile as UTF-8 JSON.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileValidationException">The JSON is not a valid profile; every problem is listed.</exception>
    public static RetakeProfile ReadProfile(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, checkLimits: true);

    /// <summary>
    /// Reads a profile that is advised on at once (the HTTP API, a batch): what <see cref="ReadProfile(ReadOnlySpan{byte})"/>
    /// reports for malformed JSON, wrong types and unknown fields is reported here too, with the limits beside them;
    /// a profile that reads cleanly leaves the limits to the advisor, which checks them with the rule set's standards
    /// in one pass. A profile is validated once, and the problems are the same as reading, then advising.
    /// </summary>
    /// <exception cref="ProfileValidationException">The JSON is not a valid profile; every problem is listed.</exception>
    internal static RetakeProfile ReadProfileToAdvise(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, checkLimits: false);

    private static RetakeProfile Read(ReadOnlySpan<byte> utf8Json, bool checkLimits)
    {
        if (utf8Json.Length > MaxProfileBytes)
        {
            throw new ProfileValidationException([new ProfileError { Path = "$", Message = $"the profile is {utf8Json.Length} bytes; at most {MaxProfileBytes} are allowed" }]);
        }

        // A UTF-8 byte order mark, as some editors write, is read past: a file, a string, a stream and an HTTP body
        // are read alike.
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        // Messages quote values: they read the same on every host, whatever its culture.
        using var culture = InvariantCulture.Enter();
        var profile = ProfileJsonReader.Read(utf8Json, out var errors);
        if (checkLimits || !errors.IsEmpty)
        {
            ProfileValidator.Validate(profile, standards: null, errors);
            errors.ThrowIfAny();
        }

        return profile!;
    }

    /// <summary>Reads a profile from a JSON string; see <see cref="ReadProfile(ReadOnlySpan{byte})"/>.</summary>
    /// <param name="json">The profile as JSON text.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileValidationException">The JSON is not a valid profile; every problem is listed.</exception>
    public static RetakeProfile ReadProfile(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxProfileBytes)
        {
            throw new ProfileValidationException([new ProfileError { Path = "$", Message = $"the profile is over {MaxProfileBytes} bytes; at most {MaxProfileBytes} are allowed" }]);
        }

        return ReadProfile(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a profile from a stream of UTF-8 JSON; see <see cref="ReadProfile(ReadOnlySpan{byte})"/>.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileValidationException">The JSON is not a valid profile; every problem is listed.</exception>
    public static async Task<RetakeProfile> ReadProfileAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await utf8Json.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxProfileBytes)
            {
                // Stop reading: the rest of an oversized stream is never buffered.
                throw new ProfileValidationException([new ProfileError { Path = "$", Message = $"the profile is over {MaxProfileBytes} bytes; at most {MaxProfileBytes} are allowed" }]);
            }
        }

        return ReadProfile(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of a profile, generated from <see cref="RetakeProfile"/> through
    /// <see cref="Options"/> with the profile's limits: unknown fields refused, <c>failedAttempts</c> required.
    /// </summary>
    /// <returns>The schema as JSON text.</returns>
    public static string GetProfileSchema() => ContractSchemas.Profile();

    /// <summary>The JSON Schema (draft 2020-12) of a report, generated from <see cref="AdviceReport"/> through <see cref="Options"/>.</summary>
    /// <returns>The schema as JSON text.</returns>
    public static string GetReportSchema() => ContractSchemas.Report();

    /// <summary>Writes an explanation as JSON text, as <c>retake-advice explain --format json</c> does.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteExplanation(AdviceExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return JsonSerializer.Serialize(explanation, Context.AdviceExplanation);
    }

    /// <summary>Writes a report as JSON text, exactly as the CLI and the HTTP API do.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteReport(AdviceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        WriteReportUtf8(buffer, report, indented: true);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a report as UTF-8 JSON into a buffer (an HTTP response's body writer, a batch's output) without building
    /// a string: the same JSON value as <see cref="WriteReport(AdviceReport)"/>, indented or on one line.
    /// </summary>
    internal static void WriteReportUtf8(IBufferWriter<byte> utf8Destination, AdviceReport report, bool indented)
    {
        // The writer's options decide the layout and the escaping (the HTML-safe encoder, either way). The metadata
        // comes from the generated context's own options, which set no encoder: only then does System.Text.Json use
        // the generated serialization code (with the encoder set on the options, it walks the metadata, about three
        // times slower).
        using var writer = new Utf8JsonWriter(utf8Destination, new JsonWriterOptions { Indented = indented, Encoder = Context.Options.Encoder, MaxDepth = Context.Options.MaxDepth });
        JsonSerializer.Serialize(writer, report, RetakeAdviceJsonContext.Default.AdviceReport);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(Context.Options);
        options.Converters.Add(new ProfileJsonConverter());
        options.MakeReadOnly();
        return options;
    }
}
