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

    /// <summary>
    /// A System.Text.Json message without its trailing "Path: … LineNumber: …" (callers report those), and without the
    /// advice meant for the program's developer ("Change the reader options"): the two slips people make in JSON
    /// written by hand, a comma after the last item and a comment, are said as such.
    /// </summary>
    public static string FirstSentence(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        message = cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
        if (message.Contains("trailing comma", StringComparison.Ordinal))
        {
            var container = message.Contains("JSON array", StringComparison.Ordinal) ? "a list" : "an object";
            return $"a comma after the last item of {container}, which JSON does not allow";
        }

        if (message.StartsWith("'/' is invalid", StringComparison.Ordinal))
        {
            return "a '/' outside a string: JSON allows no comments";
        }

        var advice = message.IndexOf(". Change the reader options", StringComparison.Ordinal);
        return advice > 0 ? message[..advice] : message;
    }

    private static string Quote(string text) => text.Length <= 40 ? $"\"{text}\"" : $"\"{text[..40]}…\"";
}
