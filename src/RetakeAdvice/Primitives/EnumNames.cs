using System.Reflection;
using System.Text.Json.Serialization;

namespace RetakeAdvice.Primitives;

/// <summary>The JSON names of a contract enum known only by its type (the profile reader's messages).</summary>
internal static class EnumNames
{
    public static IReadOnlyList<string> Of(Type enumType) => [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(JsonName)];

    /// <summary>A value's JSON name: its <see cref="JsonStringEnumMemberNameAttribute"/>, else its C# name.</summary>
    public static string JsonName(FieldInfo value) => value.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.Name;

    /// <summary><c>a, b or c</c>.</summary>
    public static string Choices(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}

/// <summary>
/// The contract's enums as their JSON names (<c>"us-do"</c>, <c>"learning-specialist"</c>): the words a profile uses
/// are the words rule expressions compare facts with.
/// </summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => (TEnum)f.GetValue(null)!, EnumNames.JsonName);

    /// <summary>Every JSON name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The JSON names as a profile error lists them: <c>us-md, us-do or img</c>.</summary>
    public static string Choices { get; } = EnumNames.Choices(All);

    /// <summary>The JSON name of a value; null for null, and for a number that is none of the enum's values.</summary>
    public static string? Of(TEnum? value) => value is { } v && Names.TryGetValue(v, out var name) ? name : null;

    /// <summary>Whether the value is one of the enum's declared values (a cast can make any number an enum).</summary>
    public static bool IsDefined(TEnum value) => Names.ContainsKey(value);

    /// <summary>Exactly a JSON name: not another case, not padded, not a number.</summary>
    public static bool TryParse(string? name, out TEnum value) => Values.TryGetValue(name ?? string.Empty, out value);
}
