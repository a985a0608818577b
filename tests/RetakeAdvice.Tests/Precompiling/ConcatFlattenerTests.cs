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
        // ("none scored " + 240) + "+ on Step 1 or " + (int?)null + 2.5, as the parser nests them.
        var inner = Expression.Call(ConcatObjects, Expression.Convert(Expression.Constant("none scored "), typeof(object)), Expression.Convert(Expression.Constant(240), typeof(object)));
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
