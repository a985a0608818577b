using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetakeAdvice.Json;

/// <summary>
/// Reads a <see cref="RetakeProfile"/> through <see cref="RetakeAdviceJson.ReadProfile(ReadOnlySpan{byte})"/>, so
/// that <c>JsonSerializer.Deserialize&lt;RetakeProfile&gt;(json, RetakeAdviceJson.Options)</c> reports every problem
/// as a <see cref="ProfileValidationException"/>, exactly as the documented way does, never a bare
/// <see cref="JsonException"/> at the first. Writes a profile as the contract's JSON.
/// </summary>
internal sealed class ProfileJsonConverter : JsonConverter<RetakeProfile>
{
    public override RetakeProfile Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.RootElement.WriteTo(writer);
        }

        return RetakeAdviceJson.ReadProfile(buffer.WrittenSpan);
    }

    public override void Write(Utf8JsonWriter writer, RetakeProfile value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, RetakeAdviceJson.Context.RetakeProfile);
}
