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
    private readonly List<(string Name, string Path)> _broken;

    private ExpressionScope(List<(string Name, Expression Value)> parameters, Type? itemType, List<(string Name, string Path)> broken)
    {
        _params = parameters;
        ItemType = itemType;
        _broken = broken;
    }

    public static ExpressionScope Root { get; } = new([], null, []);

    public Type? ItemType { get; }

    public IReadOnlyList<(string Name, Expression Value)> Params => _params;

    public static bool IsReserved(string name) =>
        name is ProfileName or FactsName or ItemName;

    public bool Has(string name) => _params.Exists(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public ExpressionScope With(string name, Expression value) => new([.. _params, (name, value)], ItemType, _broken);

    public ExpressionScope WithItem(Type itemType) => new(_params, itemType, _broken);

    /// <summary>
    /// A parameter that did not compile: its error is reported where it is declared, and an expression that uses it
    /// is told so, instead of "Unknown identifier" once for every rule that reads it.
    /// </summary>
    public ExpressionScope WithBroken(string name, string path) => new(_params, ItemType, [.. _broken, (name, path)]);

    /// <summary>Where the parameter of this name that did not compile is declared; null when there is none.</summary>
    public string? BrokenAt(string name) =>
        _broken.FindLast(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Path: { } path } ? path : null;
}
