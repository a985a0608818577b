using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Loading;

/// <summary>
/// Rewrites a placeholder of a Markdown text (a card's <c>detail</c>) so that profile text is escaped where it is
/// written, and only there: the rule author's own strings (constants, crisis lines from the manifest) keep their
/// Markdown, and a comparison such as <c>item.Name == "Renal"</c> still sees the name as typed. The rewrite follows
/// the value to where it is written (both branches of a condition, each operand of a concatenation, each element of
/// a <c>Select</c> or <c>string.Join</c>); any other value that holds profile text is escaped whole.
/// </summary>
internal static class MarkdownEscaper
{
    private static readonly MethodInfo s_escape = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.EscapeMarkdown))!;
    private static readonly MethodInfo s_escapeValue = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.EscapeMarkdownValue))!;
    private static readonly MethodInfo s_escapeConverted = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.EscapeMarkdownConverted))!;
    private static readonly HashSet<Type> s_profileTypes = ProfileTypes();
    private static readonly ConcurrentDictionary<Type, bool> s_carriers = new();

    /// <summary>The placeholder with its profile text escaped; the same expression when it writes none.</summary>
    public static Expression Rewrite(Expression placeholder) => Written(placeholder, concatOperand: false);

    // A value where it is written: as a placeholder writes it (Template.Append), or as an operand of string.Concat
    // (its ToString()).
    private static Expression Written(Expression value, bool concatOperand)
    {
        if (IsPlainValue(value.Type) || !HoldsProfileText(value))
        {
            return value;
        }

        switch (value)
        {
            case ConditionalExpression conditional when value.Type == typeof(string):
                return conditional.Update(conditional.Test, Written(conditional.IfTrue, concatOperand), Written(conditional.IfFalse, concatOperand));
            case BinaryExpression { NodeType: ExpressionType.Coalesce, Conversion: null } coalesce when value.Type == typeof(string):
                return coalesce.Update(Written(coalesce.Left, concatOperand), null, Written(coalesce.Right, concatOperand));
            case UnaryExpression { NodeType: ExpressionType.Convert, Operand: var inner } when value.Type == typeof(object):
                var written = Written(inner, concatOperand);
                return written == inner ? value : Expression.Convert(written, typeof(object));
        }

        if (DelegateCompiler.IsConcat(value, out var operands))
        {
            var escaped = operands.Select(operand => Written(operand, concatOperand: true)).ToArray();
            return value switch
            {
                MethodCallExpression { Arguments: [NewArrayExpression array] } call => Expression.Call(call.Method, Expression.NewArrayInit(array.Type.GetElementType()!, escaped.Select(operand => Fit(operand, array.Type.GetElementType()!)))),
                MethodCallExpression call => Expression.Call(call.Method, escaped.Select((operand, i) => Fit(operand, call.Method.GetParameters()[i].ParameterType))),
                BinaryExpression binary => Expression.Add(Fit(escaped[0], binary.Left.Type), Fit(escaped[1], binary.Right.Type), binary.Method),
                _ => throw new InvalidOperationException("a concatenation is a call or an addition"),
            };
        }

        if (!concatOperand && value is MethodCallExpression select && IsSelectOfText(select))
        {
            return Elements(select);
        }

        if (value is MethodCallExpression { Object: null, Method: { Name: nameof(string.Join) } join } joinCall
            && join.DeclaringType == typeof(string)
            && join.GetParameters() is [{ ParameterType: var separator }, { ParameterType: var values }]
            && (separator == typeof(string) || separator == typeof(char))
            && values == typeof(IEnumerable<string>))
        {
            return Expression.Call(join, joinCall.Arguments[0], Elements(joinCall.Arguments[1]));
        }

        if (value.Type == typeof(string))
        {
            return Expression.Call(s_escape, value);
        }

        return Expression.Call(concatOperand ? s_escapeConverted : s_escapeValue, Expression.Convert(value, typeof(object)));
    }

    // A sequence of texts with each element escaped: the selector's result where it is a Select, else each element.
    private static Expression Elements(Expression texts)
    {
        if (texts is MethodCallExpression select && IsSelectOfText(select)
            && select.Arguments[1] is LambdaExpression { Parameters.Count: 1 } selector)
        {
            var body = Written(selector.Body, concatOperand: false);
            if (body.Type != typeof(string))
            {
                body = Expression.Call(s_escapeValue, Expression.Convert(body, typeof(object)));
            }

            var elementType = selector.Parameters[0].Type;
            return Expression.Call(
                select.Method.GetGenericMethodDefinition().MakeGenericMethod(elementType, typeof(string)),
                select.Arguments[0],
                Expression.Lambda(body, selector.Parameters));
        }

        var text = Expression.Parameter(typeof(string), "text");
        return Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Select), [typeof(string), typeof(string)],
            texts,
            Expression.Lambda<Func<string?, string?>>(Expression.Call(s_escape, text), text));
    }

    private static bool IsSelectOfText(MethodCallExpression call) =>
        call.Method.DeclaringType == typeof(Enumerable)
        && call.Method.Name == nameof(Enumerable.Select)
        && call.Arguments.Count == 2
        && call.Arguments[1] is LambdaExpression { Parameters.Count: 1, Body.Type: var body } && !IsPlainValue(body);

    private static Expression Fit(Expression operand, Type type) =>
        operand.Type == type ? operand : Expression.Convert(operand, type);

    // Numbers, dates and true/false read the same in Markdown as in text.
    private static bool IsPlainValue(Type type) => type.IsValueType;

    private static bool HoldsProfileText(Expression value)
    {
        var finder = new ProfileTextFinder();
        finder.Visit(value);
        return finder.Found;
    }

    /// <summary>Whether values of this type hold profile text: the profile's own types, the facts that view them, and lists of either.</summary>
    internal static bool IsProfileTextCarrier(Type type) => s_carriers.GetOrAdd(type, static t =>
        s_profileTypes.Contains(t)
        || (t != typeof(string) && t.GetInterfaces().Append(t).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && s_profileTypes.Contains(i.GetGenericArguments()[0]))));

    /// <summary>Whether a member read gives profile text: marked <see cref="ProfileTextAttribute"/>, or text on one of the profile's own types.</summary>
    internal static bool IsProfileText(MemberInfo member) =>
        member.IsDefined(typeof(ProfileTextAttribute), inherit: false)
        || (member.DeclaringType is { } declaring && s_profileTypes.Contains(declaring) && !IsPlainValue(MemberType(member)));

    private static Type MemberType(MemberInfo member) => member switch
    {
        PropertyInfo property => property.PropertyType,
        FieldInfo field => field.FieldType,
        _ => typeof(object),
    };

    // The profile's types (everything reachable from RetakeProfile) and the facts that carry its text.
    private static HashSet<Type> ProfileTypes()
    {
        var types = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(RetakeProfile)]);
        while (pending.TryPop(out var type))
        {
            if (type.IsPrimitive || type == typeof(string) || type.Namespace != typeof(RetakeProfile).Namespace || !types.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties())
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                pending.Push(propertyType.IsGenericType ? propertyType.GetGenericArguments()[^1] : propertyType);
            }
        }

        foreach (var fact in typeof(AdviceFacts).Assembly.GetTypes())
        {
            if (fact != typeof(AdviceFacts) && fact.GetProperties().Any(p => p.IsDefined(typeof(ProfileTextAttribute), inherit: false)))
            {
                types.Add(fact);
            }
        }

        return types;
    }

    private sealed class ProfileTextFinder : ExpressionVisitor
    {
        public bool Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (Found || node is null)
            {
                return node;
            }

            if (IsProfileTextCarrier(node.Type) || node is MemberExpression member && IsProfileText(member.Member))
            {
                Found = true;
                return node;
            }

            return base.Visit(node);
        }
    }
}
