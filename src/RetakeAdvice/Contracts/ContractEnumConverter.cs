using System.Text.Json;
using System.Text.Json.Serialization;
using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>
/// A profile enum as the contract writes it: exactly one of its JSON names (<c>"us-do"</c>), never a number, another
/// case or padding. System.Text.Json's string-enum converter also takes <c>1</c> for <c>us-do</c> and <c>7</c> for
/// nothing at all, which would reach the rules as a value no rule knows.
/// </summary>
internal sealed class ContractEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && EnumNames<TEnum>.TryParse(reader.GetString(), out var value))
        {
            return value;
        }

        throw new JsonException($"must be {EnumNames<TEnum>.Choices}");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(EnumNames<TEnum>.Of(value) ?? throw new JsonException($"{typeof(TEnum).Name} {value} is not a value of the contract"));
}
