using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace RetakeAdvice.Compiling;

/// <summary>
/// Types and constant values as C# source: every type by its full name from <c>global::</c>, every value as a literal
/// that gives exactly the same value (doubles round-trip, <c>-0</c> and NaN included). Only what generated code in
/// another assembly may name is written: a type or member that is not public is refused.
/// </summary>
internal static class CSharpNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
    };

    /// <summary>The type as C# names it.</summary>
    /// <exception cref="PrecompileException">The type cannot be named from another assembly.</exception>
    public static string Type(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Type(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Type(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter || type.IsByRef || type.IsPointer)
        {
            throw new PrecompileException($"the type {type.Name} cannot be written in C#");
        }

        if (!IsVisible(type) || type.Name.Contains('<', StringComparison.Ordinal))
        {
            throw new PrecompileException($"the type {type.FullName ?? type.Name} is not public, so generated code cannot name it");
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsNested)
        {
            if (type.IsGenericType)
            {
                throw new PrecompileException($"the nested generic type {type.FullName} cannot be written in C#");
            }

            return Type(type.DeclaringType!) + "." + name;
        }

        var full = "global::" + (string.IsNullOrEmpty(type.Namespace) ? string.Empty : type.Namespace + ".") + name;
        return type.IsGenericType ? $"{full}<{string.Join(", ", type.GetGenericArguments().Select(Type))}>" : full;
    }

    /// <summary>Whether generated code in another assembly can name the type.</summary>
    public static bool IsVisible(Type type) =>
        (type.IsPublic || (type.IsNestedPublic && IsVisible(type.DeclaringType!)))
        && (!type.IsGenericType || type.GetGenericArguments().All(a => a.IsGenericParameter || IsVisible(a)));

    /// <exception cref="PrecompileException">The member cannot be named from another assembly.</exception>
    public static void CheckVisible(MemberInfo member)
    {
        var visible = member switch
        {
            MethodBase method => method.IsPublic,
            FieldInfo field => field.IsPublic,
            PropertyInfo property => property.GetMethod?.IsPublic == true,
            _ => false,
        };
        if (!visible || !IsVisible(member.DeclaringType!))
        {
            throw new PrecompileException($"{member.DeclaringType?.Name}.{member.Name} is not public, so generated code cannot call it");
        }
    }

    /// <summary>
    /// A constant as a C# expression of exactly its type; null when the value is not a literal (an array, a list, a
    /// comparer: the caller keeps those in a field).
    /// </summary>
    public static string? Literal(object? value, Type type)
    {
        if (value is null)
        {
            return $"default({Type(type)})";
        }

        var valueType = value.GetType();
        if (valueType != type)
        {
            // A boxed value (object, a nullable, an interface): the literal of the value, converted.
            return Literal(value, valueType) is { } inner ? $"(({Type(type)}){inner})" : null;
        }

        return value switch
        {
            bool b => b ? "true" : "false",
            string s => String(s),
            char c => $"'\\u{(int)c:x4}'",
            int i => i == int.MinValue ? "int.MinValue" : Signed(i.ToString(CultureInfo.InvariantCulture)),
            long l => l == long.MinValue ? "long.MinValue" : Signed(l.ToString(CultureInfo.InvariantCulture) + "L"),
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            short or ushort or byte or sbyte => $"(({Type(type)}){Signed(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))})",
            double d => Double(d),
            float f => Float(f),
            decimal m => Signed(m.ToString(CultureInfo.InvariantCulture) + "m"),
            DateOnly date => $"new global::System.DateOnly({date.Year}, {date.Month}, {date.Day})",
            DateTime time => $"new global::System.DateTime({time.Ticks}L, global::System.DateTimeKind.{time.Kind})",
            TimeSpan span => $"new global::System.TimeSpan({Signed(span.Ticks.ToString(CultureInfo.InvariantCulture) + "L")})",
            Enum => $"(({Type(type)}){Signed(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))})",
            StringComparer comparer => Comparer(comparer),
            _ => null,
        };
    }

    /// <summary>An array, list or set of literals as a C# expression that builds an equal one; null for anything else.</summary>
    public static string? Collection(object value)
    {
        var type = value.GetType();
        if (type.IsArray && type.GetArrayRank() == 1)
        {
            var element = type.GetElementType()!;
            return Elements((IEnumerable)value, element) is { } items ? $"new {Type(element)}[] {{ {items} }}" : null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            return Elements((IEnumerable)value, element) is { } items ? $"new {Type(type)} {{ {items} }}" : null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(HashSet<>))
        {
            var element = type.GetGenericArguments()[0];
            var comparer = type.GetProperty(nameof(HashSet<int>.Comparer))!.GetValue(value);
            var comparerText = comparer is StringComparer known ? Comparer(known)
                : comparer == typeof(EqualityComparer<>).MakeGenericType(element).GetProperty("Default")!.GetValue(null) ? string.Empty
                : null;
            return comparerText is not null && Elements((IEnumerable)value, element) is { } items ? $"new {Type(type)}({comparerText}) {{ {items} }}" : null;
        }

        return null;
    }

    private static string? Elements(IEnumerable values, Type element)
    {
        var items = new List<string>();
        foreach (var value in values)
        {
            if (Literal(value, element) is not { } literal)
            {
                return null;
            }

            items.Add(literal);
        }

        return string.Join(", ", items);
    }

    private static string? Comparer(StringComparer comparer) =>
        comparer == StringComparer.Ordinal ? "global::System.StringComparer.Ordinal"
        : comparer == StringComparer.OrdinalIgnoreCase ? "global::System.StringComparer.OrdinalIgnoreCase"
        : comparer == StringComparer.InvariantCulture ? "global::System.StringComparer.InvariantCulture"
        : comparer == StringComparer.InvariantCultureIgnoreCase ? "global::System.StringComparer.InvariantCultureIgnoreCase"
        : null;

    private static string Signed(string literal) => literal.StartsWith('-') ? $"({literal})" : literal;

    private static string Double(double d) =>
        double.IsNaN(d) ? "double.NaN"
        : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
        : Signed(d.ToString("R", CultureInfo.InvariantCulture) + "d");

    private static string Float(float f) =>
        float.IsNaN(f) ? "float.NaN"
        : float.IsPositiveInfinity(f) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(f) ? "float.NegativeInfinity"
        : Signed(f.ToString("R", CultureInfo.InvariantCulture) + "f");

    /// <summary>A C# string literal: printable ASCII as it is, everything else escaped.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                >= ' ' and <= '~' => text.Append(c),
                _ => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            };
        }

        return text.Append('"').ToString();
    }
}

/// <summary>A rule expression that cannot be written as C#; the compiler adds the rule and the part.</summary>
internal sealed class PrecompileException(string message) : Exception(message);
