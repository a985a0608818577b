using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace RetakeAdvice.Loading;

/// <summary>
/// Makes a chain of text concatenations one call: <c>"none scored " + 240 + "+ on Step 1"</c> parses as
/// <c>Concat(Concat("none scored ", 240), "+ on Step 1")</c>, which builds the first part as a string of its own
/// only to copy it into the next. One <see cref="string.Concat(object[])"/> of all the parts (each converted as
/// <c>Concat</c> converts it: its <c>ToString()</c>, nothing for null) gives the same text and builds it once; a
/// template's writer then writes the parts one by one and builds nothing. Run before the budget's checks, so the
/// chain is checked once, as a whole.
/// </summary>
internal sealed class ConcatFlattener : ExpressionVisitor
{
    private static readonly MethodInfo ConcatStrings = typeof(string).GetMethod(nameof(string.Concat), [typeof(string[])])!;
    private static readonly MethodInfo ConcatObjects = typeof(string).GetMethod(nameof(string.Concat), [typeof(object[])])!;

    public static Expression Flatten(Expression expression) => new ConcatFlattener().Visit(expression)!;

    public override Expression? Visit(Expression? node)
    {
        if (node is null || !DelegateCompiler.IsConcat(node, out _))
        {
            return base.Visit(node);
        }

        var parts = new List<Expression>();
        Collect(node, parts);
        if (parts.Count <= 2)
        {
            return base.Visit(node);
        }

        // Texts only: Concat(string[]). Otherwise Concat(object[]), each part as the two-operand Concat took it (a
        // number boxed, as before), so a template's writer still writes a number without making a string of it.
        var visited = MergeConstants(parts.Select(p => Visit(p)!));
        if (visited is [ConstantExpression { Type: var type } only] && type == typeof(string))
        {
            return only;
        }

        return Array.TrueForAll(visited, p => p.Type == typeof(string))
            ? Expression.Call(ConcatStrings, Expression.NewArrayInit(typeof(string), visited))
            : Expression.Call(ConcatObjects, Expression.NewArrayInit(typeof(object), visited.Select(p => p.Type == typeof(object) ? p : Expression.Convert(p, typeof(object)))));
    }

    /// <summary>
    /// Neighbouring constant texts and whole numbers as one text (<c>" (more than " + 12 + ")"</c> is
    /// <c>" (more than 12)"</c>): written as <c>Concat</c> writes them (evaluation and loading both run under the
    /// invariant culture), with no box and no number formatted per call. Other constants are left as they are.
    /// </summary>
    private static Expression[] MergeConstants(IEnumerable<Expression> parts)
    {
        var merged = new List<Expression>();
        string? run = null;
        foreach (var part in parts)
        {
            if (ConstantText(part) is { } text)
            {
                run = run is null ? text : run + text;
                continue;
            }

            if (run is not null)
            {
                merged.Add(Expression.Constant(run));
                run = null;
            }

            merged.Add(part);
        }

        if (run is not null)
        {
            merged.Add(Expression.Constant(run));
        }

        return [.. merged];
    }

    private static string? ConstantText(Expression part) =>
        (part is UnaryExpression { NodeType: ExpressionType.Convert, Operand: ConstantExpression inner } ? inner : part) switch
        {
            ConstantExpression { Value: string text } => text,
            ConstantExpression { Value: int number } => number.ToString(CultureInfo.InvariantCulture),
            ConstantExpression { Value: long number } => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };

    /// <summary>A concatenation's operands, with the operands of the concatenations among them in their place.</summary>
    private static void Collect(Expression value, List<Expression> parts)
    {
        foreach (var operand in DelegateCompiler.IsConcat(value, out var operands) ? operands : [value])
        {
            var inner = operand is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var converted } && operand.Type == typeof(object) ? converted : operand;
            if (inner.Type == typeof(string) && DelegateCompiler.IsConcat(inner, out _))
            {
                Collect(inner, parts);
            }
            else
            {
                parts.Add(operand);
            }
        }
    }
}
