using System.Linq.Expressions;
using System.Reflection;
using RetakeAdvice.Precompiled;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Loading;

/// <summary>
/// Puts <see cref="Fuel"/> into a checked expression before it is compiled: a burn at the start of every lambda, and
/// a length check on every text a string method builds and on every concatenation (once per chain: <c>a + b + c</c>
/// is checked as a whole). A text template's writer looks through the check and writes the pieces without building
/// the text; the rendered text has its own cap. Run once per compiled delegate (and per folded constant), on the
/// expression with its parameters put in, so a parameter's lambdas are metered once wherever it is named.
/// </summary>
internal sealed class FuelInjector : ExpressionVisitor
{
    private static readonly MethodInfo BurnMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.Burn))!;
    private static readonly MethodInfo TextMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.Text))!;
    private static readonly MethodInfo MeterMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.Meter))!;

    /// <summary>The check around a text, for the template writer to look through.</summary>
    public static MethodInfo TextCheck => TextMethod;

    private bool _inChain;

    public static Expression Inject(Expression body) => new FuelInjector().Visit(body)!;

    public override Expression? Visit(Expression? node)
    {
        if (node is null || IsStringConcat(node))
        {
            return base.Visit(node);
        }

        var saved = _inChain;
        _inChain = false;
        try
        {
            return base.Visit(node);
        }
        finally
        {
            _inChain = saved;
        }
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var body = Visit(node.Body)!;
        return Expression.Lambda<T>(Expression.Block(body.Type, Expression.Call(BurnMethod), body), node.Name, node.TailCall, node.Parameters);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = base.VisitMethodCall(node);
        if (node.Type == typeof(string) && Grows(node.Method))
        {
            return Expression.Call(TextMethod, visited);
        }

        // big.SelectMany(a => big) calls its lambda once per element of big, and yields big's length times more.
        return Multiplies(node.Method)
            ? Expression.Call(MeterMethod.MakeGenericMethod(node.Type.GetGenericArguments()[0]), visited)
            : visited;
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (!IsStringConcat(node))
        {
            return base.VisitBinary(node);
        }

        var chained = _inChain;
        _inChain = true;
        var visited = base.VisitBinary(node);
        _inChain = chained;
        return chained ? visited : Expression.Call(TextMethod, visited);
    }

    private static bool IsStringConcat(Expression node) => node is BinaryExpression { NodeType: ExpressionType.Add } && node.Type == typeof(string);

    /// <summary>Sequence operators that yield more elements than they call lambdas: each element they yield is metered.</summary>
    private static bool Multiplies(MethodInfo method) =>
        method.DeclaringType == typeof(Enumerable) && method.Name is nameof(Enumerable.SelectMany) or nameof(Enumerable.Concat)
            && method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(IEnumerable<>);

    /// <summary>String methods whose result can be longer than their inputs together: the ones that build text.</summary>
    private static bool Grows(MethodInfo method) =>
        method.DeclaringType == typeof(string) && method.Name is nameof(string.Replace) or nameof(string.Insert) or nameof(string.Join)
            or nameof(string.Format) or nameof(string.Concat);
}
