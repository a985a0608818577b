using System.Linq.Expressions;
using System.Reflection;

namespace RetakeAdvice.Loading;

/// <summary>One comparison of an expression against a numeric parameter, found at load.</summary>
/// <param name="File">The rule file.</param>
/// <param name="Rule">The rule it belongs to; null for a shared condition of the manifest.</param>
/// <param name="Path">The JSON path of the expression (<c>Rules[2].Expression</c>, <c>….escalation.when</c>).</param>
/// <param name="Parameter">The parameter compared against.</param>
/// <param name="Comparison">The comparison as written: <c>facts.Distress &gt;= counselingDistress</c>.</param>
/// <param name="Operand">The side compared with the parameter: <c>facts.Distress</c>.</param>
/// <param name="Operator">The comparison, read with the operand on the left (<c>P &lt; x</c> is kept as <c>x &gt; P</c>).</param>
internal sealed record ThresholdSite(string File, string? Rule, string Path, string Parameter, string Comparison, string Operand, ExpressionType Operator);

/// <summary>
/// The comparisons against numeric parameters in a rule set loaded for coverage: the loader wraps each in a call that
/// records whether it held, so the rule tests can show which thresholds they see on both sides. Only a rule set
/// loaded with probes (<c>retake-advice test --coverage</c>) has the calls; advice never does.
/// </summary>
internal sealed class ThresholdProbes
{
    [ThreadStatic]
    private static ThresholdHits? t_current;

    [ThreadStatic]
    private static (string File, string? Rule, string Path)? t_site;

    private static readonly MethodInfo RecordMethod = typeof(ThresholdProbes).GetMethod(nameof(Record), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly List<ThresholdSite> _sites = [];
    private readonly List<string> _literals = [];

    public IReadOnlyList<ThresholdSite> Sites => _sites;

    /// <summary>
    /// Comparisons against a number written in the expression (other than 0): no parameter to probe or nudge, so
    /// coverage and mutation cannot see them. "file path: comparison", for the author to make them parameters.
    /// </summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>Names the expression being compiled (file, rule, path) until the scope ends; the loader sets it.</summary>
    public static SiteScope At(string file, string? rule, string path)
    {
        var previous = t_site;
        t_site = (file, rule, path);
        return new SiteScope(previous);
    }

    /// <summary>Collects, on this thread until the scope ends, which side of each comparison the evaluations took.</summary>
    public static HitsScope Collect(ThresholdHits hits)
    {
        var previous = t_current;
        t_current = hits;
        return new HitsScope(previous);
    }

    /// <summary>Wraps each comparison against a numeric constant parameter in a recording call.</summary>
    /// <param name="body">The parsed expression, its parameters still placeholders.</param>
    /// <param name="parameters">The placeholders and their values.</param>
    public Expression Insert(Expression body, IReadOnlyDictionary<ParameterExpression, Expression> parameters) =>
        t_site is { } site ? new Inserter(this, site, parameters).Visit(body) : body;

    /// <param name="site">The comparison.</param>
    /// <param name="held">What it gave.</param>
    /// <param name="known">Both sides had a value: a comparison with an unknown side is false, and says nothing of which side of the line the case is on.</param>
    private static bool Record(int site, bool held, bool known)
    {
        t_current?.Hit(site, held, known);
        return held;
    }

    private static Expression Unwrap(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert ? Unwrap(convert.Operand) : expression;

    private static string Text(Expression expression) => Unwrap(expression) switch
    {
        ParameterExpression parameter => string.IsNullOrEmpty(parameter.Name) ? "it" : parameter.Name, // a lambda's own parameter has no name
        MemberExpression { Expression: { } owner } member => $"{Text(owner)}.{member.Member.Name}",
        MethodCallExpression { Object: { } target } call => $"{Text(target)}.{call.Method.Name}(…)",
        MethodCallExpression { Arguments: [var source, ..] } call => $"{Text(source)}.{call.Method.Name}(…)", // an extension: Count(facts.X, …)
        ConstantExpression { Value: var value } => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
        _ => "(…)",
    };

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.Equal => "==",
        _ => "!=",
    };

    public readonly struct SiteScope((string File, string? Rule, string Path)? previous) : IDisposable
    {
        public void Dispose() => t_site = previous;
    }

    public readonly struct HitsScope(ThresholdHits? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }

    private sealed class Inserter(
        ThresholdProbes probes, (string File, string? Rule, string Path) site, IReadOnlyDictionary<ParameterExpression, Expression> parameters) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            var visited = base.VisitBinary(node);
            if (node.NodeType is not (ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan
                    or ExpressionType.GreaterThanOrEqual or ExpressionType.Equal or ExpressionType.NotEqual)
                || visited.Type != typeof(bool)
                || (NumericParameter(node.Right) ?? NumericParameter(node.Left)) is not { } parameter)
            {
                // In a decision (a gate, where, escalation, score, keep, parameter or condition), not in a text's
                // wording, where "== 1 ? "point" : "points"" is grammar, not a threshold.
                if (visited.Type == typeof(bool) && IsDecision(site.Path)
                    && node.NodeType is not (ExpressionType.AndAlso or ExpressionType.OrElse)
                    && (NumericLiteral(node.Right) ^ NumericLiteral(node.Left)))
                {
                    probes._literals.Add($"{site.File} {site.Path}: {Text(node.Left)} {Operator(node.NodeType)} {Text(node.Right)}");
                }

                return visited;
            }

            var index = probes._sites.Count;
            var onRight = NumericParameter(node.Right) is not null;
            var operand = onRight ? node.Left : node.Right;
            var type = onRight ? node.NodeType : Mirror(node.NodeType);
            probes._sites.Add(new ThresholdSite(site.File, site.Rule, site.Path, parameter, $"{Text(node.Left)} {Operator(node.NodeType)} {Text(node.Right)}", Text(operand), type));
            var compared = (BinaryExpression)visited;
            return Expression.Call(RecordMethod, Expression.Constant(index), visited, Expression.AndAlso(HasValue(compared.Left), HasValue(compared.Right)));
        }

        /// <summary>An operand has a value: always, unless it is nullable (read again: operands are side-effect free reads).</summary>
        private static Expression HasValue(Expression operand) =>
            Nullable.GetUnderlyingType(operand.Type) is null ? Expression.Constant(true) : Expression.Property(operand, nameof(Nullable<int>.HasValue));

        private static ExpressionType Mirror(ExpressionType type) => type switch
        {
            ExpressionType.LessThan => ExpressionType.GreaterThan,
            ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
            ExpressionType.GreaterThan => ExpressionType.LessThan,
            ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
            _ => type,
        };

        private string? NumericParameter(Expression operand) =>
            Unwrap(operand) is ParameterExpression placeholder
                && parameters.TryGetValue(placeholder, out var value)
                && value is ConstantExpression { Value: not null } constant
                && IsNumber(Nullable.GetUnderlyingType(constant.Type) ?? constant.Type)
                ? placeholder.Name
                : null;

        private static bool IsDecision(string path) =>
            path.EndsWith(".Expression", StringComparison.Ordinal) || path.EndsWith(".expression", StringComparison.Ordinal)
            || path.EndsWith(".when", StringComparison.Ordinal) || path.EndsWith(".where", StringComparison.Ordinal)
            || path.EndsWith(".score", StringComparison.Ordinal) || path.EndsWith(".keep", StringComparison.Ordinal);

        /// <summary>A number written in the expression, other than 0 (a sign or an empty count is not a threshold).</summary>
        private static bool NumericLiteral(Expression operand) =>
            Unwrap(operand) is ConstantExpression { Value: { } value } constant
                && IsNumber(Nullable.GetUnderlyingType(constant.Type) ?? constant.Type)
                && Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) != 0;

        private static bool IsNumber(Type type) =>
            Type.GetTypeCode(type) is TypeCode.Int32 or TypeCode.Int64 or TypeCode.Double or TypeCode.Decimal or TypeCode.Single or TypeCode.Int16 or TypeCode.Byte;
    }
}

/// <summary>Which sides of each probed comparison the evaluations on one thread took.</summary>
internal sealed class ThresholdHits(int sites)
{
    private readonly bool[] _held = new bool[sites];
    private readonly bool[] _notHeld = new bool[sites];
    private readonly bool[] _unknown = new bool[sites];

    public bool Held(int site) => _held[site];

    public bool NotHeld(int site) => _notHeld[site];

    /// <summary>The comparison was evaluated with a side unknown (null): it did not hold, on neither side of the line.</summary>
    public bool Unknown(int site) => _unknown[site];

    public void Hit(int site, bool held, bool known)
    {
        if (site < _held.Length)
        {
            (!known ? _unknown : held ? _held : _notHeld)[site] = true;
        }
    }
}
