using System.Linq.Expressions;

namespace RetakeAdvice.Loading;

/// <summary>
/// The names an expression can see: <c>profile</c>, <c>facts</c>, <c>item</c> (per-item parts only), and the
/// workflow's GlobalParams and the rule's LocalParams, each already resolved to an expression (a constant when it
/// depends on no input, folded once at load).
/// </summary>
internal sealed class ExpressionScope
{
    public const string ProfileName = "profile";
    public const string FactsName = "facts";
    public const string ItemName = "item";

    public static readonly ParameterExpression Profile = Expression.Parameter(typeof(RetakeProfile), ProfileName);
    public static readonly ParameterExpression Facts = Expression.Parameter(typeof(AdviceFacts), FactsName);

    /// <summary>The item parameter every compiled delegate takes, typed object; per-item parts convert it.</summary>
    public static readonly ParameterExpression BoxedItem = Expression.Parameter(typeof(object), ItemName);

    private readonly List<(string Name, Expression Value)> _params;

    private ExpressionScope(List<(string Name, Expression Value)> parameters, Type? itemType)
    {
        _params = parameters;
        ItemType = itemType;
    }

    public static ExpressionScope Root { get; } = new([], null);

    public Type? ItemType { get; }

    public IReadOnlyList<(string Name, Expression Value)> Params => _params;

    public static bool IsReserved(string name) =>
        name is ProfileName or FactsName or ItemName;

    public bool Has(string name) => _params.Exists(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public ExpressionScope With(string name, Expression value) => new([.. _params, (name, value)], ItemType);

    public ExpressionScope WithItem(Type itemType) => new(_params, itemType);
}
