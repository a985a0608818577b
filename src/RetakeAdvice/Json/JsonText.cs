using System.Text.Json;

namespace RetakeAdvice.Json;

/// <summary>How JSON values and System.Text.Json errors read in messages, for profiles and rule files alike.</summary>
internal static class JsonText
{
    /// <summary>A value as "the string \"x\"", "the number 4", "a list"…; long strings are cut at 40 characters.</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>A System.Text.Json message without its trailing "Path: … LineNumber: …" (callers report those).</summary>
    public static string FirstSentence(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }

    private static string Quote(string text) => text.Length <= 40 ? $"\"{text}\"" : $"\"{text[..40]}…\"";
}
