using System.Reflection;
using System.Text.Json.Serialization;

namespace RetakeAdvice.Primitives;

/// <summary>The JSON names of a contract enum known only by its type (the profile reader's messages).</summary>
internal static class EnumNames
{
    public static IReadOnlyList<string> Of(Type enumType) =>
        [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)];
}

/// <summary>
/// The contract's enums as their JSON names (<c>"us-do"</c>, <c>"learning-specialist"</c>): the words a profile uses
/// are the words rule expressions compare facts with.
/// </summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => (TEnum)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    /// <summary>Every JSON name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string? Of(TEnum? value) => value is { } v ? Names[v] : null;
}
