using System.Linq.Expressions;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Precompiling;

/// <summary>A chain of concatenations becomes one call, giving the same text; anything shorter is left alone.</summary>
public sealed class ConcatFlattenerTests
{
    private static readonly System.Reflection.MethodInfo ConcatObjects = typeof(string).GetMethod(nameof(string.Concat), [typeof(object), typeof(object)])!;
    private static readonly System.Reflection.MethodInfo ConcatStrings = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;

    [Fact]
    public void NestedConcatenations_BecomeOneCall_WithTheSameText()
    {
        // ("none scored " + n) + "+ on Step 1 or " + (int?)null + 2.5, as the parser nests them (n reads as 240).
        var inner = Expression.Call(ConcatObjects, Expression.Convert(Expression.Constant("none scored "), typeof(object)), Expression.Convert(Expression.ArrayLength(Expression.Constant(new int[240])), typeof(object)));
        var middle = Expression.Call(ConcatStrings, inner, Expression.Constant("+ on Step 1 or "));
        var outer = Expression.Call(ConcatObjects, Expression.Convert(Expression.Call(ConcatObjects, Expression.Convert(middle, typeof(object)), Expression.Convert(Expression.Constant(null, typeof(int?)), typeof(object))), typeof(object)), Expression.Convert(Expression.Constant(2.5), typeof(object)));

        var flat = ConcatFlattener.Flatten(outer);

        var call = Assert.IsAssignableFrom<MethodCallExpression>(flat);
        Assert.Equal(typeof(object[]), call.Method.GetParameters()[0].ParameterType);
        Assert.Equal(5, Assert.IsAssignableFrom<NewArrayExpression>(call.Arguments[0]).Expressions.Count);
        Assert.Equal(Run(outer), Run(flat));
        Assert.Equal("none scored 240+ on Step 1 or 2.5", Run(flat));
    }

    [Fact]
    public void NeighbouringConstants_BecomeOneText()
    {
        // "you plan " + n + " hours (more than " + 12 + ")" + -3L: the constants after n are one text.
        var n = Expression.Convert(Expression.ArrayLength(Expression.Constant(new int[7])), typeof(object));
        var chain = Expression.Call(
            ConcatObjects,
            Expression.Convert(Expression.Call(ConcatObjects, Expression.Convert(Expression.Call(ConcatObjects, Expression.Convert(Expression.Call(ConcatObjects, Expression.Constant("you plan "), n), typeof(object)), Expression.Constant(" hours (more than ")), typeof(object)), Expression.Convert(Expression.Constant(12), typeof(object))), typeof(object)),
            Expression.Convert(Expression.Call(ConcatStrings, Expression.Constant(")"), Expression.Constant("-3")), typeof(object)));

        var call = Assert.IsAssignableFrom<MethodCallExpression>(ConcatFlattener.Flatten(chain));

        var parts = Assert.IsAssignableFrom<NewArrayExpression>(call.Arguments[0]).Expressions;
        Assert.Equal(3, parts.Count);
        Assert.Equal(" hours (more than 12)-3", Assert.IsAssignableFrom<ConstantExpression>(parts[2] is UnaryExpression { Operand: var text } ? text : parts[2]).Value);
        Assert.Equal("you plan 7 hours (more than 12)-3", Run(call));
        Assert.Equal(Run(chain), Run(call));
    }

    [Fact]
    public void AChainOfConstants_IsOneConstantText()
    {
        var chain = Expression.Call(ConcatObjects, Expression.Convert(Expression.Call(ConcatObjects, Expression.Constant("more than "), Expression.Convert(Expression.Constant(-12L), typeof(object))), typeof(object)), Expression.Constant(" days"));

        var flat = ConcatFlattener.Flatten(chain);

        Assert.Equal("more than -12 days", Assert.IsAssignableFrom<ConstantExpression>(flat).Value);
    }

    [Fact]
    public void TextsOnly_AreJoinedAsTexts()
    {
        var chain = Expression.Call(ConcatStrings, Expression.Call(ConcatStrings, Expression.Constant("a"), Expression.Constant(null, typeof(string))), Expression.Constant("c"));

        var call = Assert.IsAssignableFrom<MethodCallExpression>(ConcatFlattener.Flatten(chain));

        Assert.Equal(typeof(string[]), call.Method.GetParameters()[0].ParameterType);
        Assert.Equal("ac", Run(call));
    }

    [Fact]
    public void TwoParts_AreLeftAsTheyAre()
    {
        var pair = Expression.Call(ConcatStrings, Expression.Constant("a"), Expression.Constant("b"));

        Assert.Same(pair, ConcatFlattener.Flatten(pair));
    }

    private static string Run(Expression text)
    {
        using var culture = RetakeAdvice.Primitives.InvariantCulture.Enter();
        return Expression.Lambda<Func<string>>(text).Compile()();
    }
}
