using System.Linq.Expressions;
using System.Reflection;
using RetakeAdvice.Model;

namespace RetakeAdvice.Loading;

/// <summary>
/// The facts that are the manifest's own tables (the crisis and support lines, the core resources, the USMLE attempt
/// limit): <c>FactsBuilder</c> copies them unchanged into every call's facts, so a text that reads only them, or
/// chooses between texts by them, is the same on every call and is written once, at load.
/// </summary>
internal sealed class ManifestFacts : ExpressionVisitor
{
    private readonly Dictionary<MemberInfo, object> _values;

    public ManifestFacts(Manifest manifest)
    {
        _values = new Dictionary<MemberInfo, object>
        {
            [Fact(nameof(AdviceFacts.CrisisLines))] = manifest.CrisisLines,
            [Fact(nameof(AdviceFacts.SupportLines))] = manifest.SupportLines,
            [Fact(nameof(AdviceFacts.CoreResources))] = manifest.CoreResources,
            [Fact(nameof(AdviceFacts.UsmleAttemptLimit))] = manifest.AttemptLimit,
        };
    }

    /// <summary>The members this substitutes, for the test that holds them equal to what the facts carry.</summary>
    internal IEnumerable<MemberInfo> Members => _values.Keys;

    /// <summary>
    /// The expression with those facts as constants, to fold. Never compiled as it is: the constants are objects
    /// generated code could not write, so what does not fold keeps reading the facts.
    /// </summary>
    public Expression Substitute(Expression expression) => Visit(expression);

    protected override Expression VisitMember(MemberExpression node) =>
        node.Expression == ExpressionScope.Facts && _values.TryGetValue(node.Member, out var value)
            ? Expression.Constant(value, node.Type)
            : base.VisitMember(node);

    private static PropertyInfo Fact(string name) => typeof(AdviceFacts).GetProperty(name)!;
}
