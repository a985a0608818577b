using System.Linq.Expressions;
using System.Reflection;
using RetakeAdvice.Compiling;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;
using RetakeAdvice.Precompiled;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Tests.Precompiling;

/// <summary>
/// The C# written for an expression tree computes what the tree computes: each case is a tree that C#'s own rules
/// would get wrong if the writer left anything to them (literals at their edges, lifted operators, small integers,
/// checked and unchecked arithmetic, reference equality, overloads, folded collections, the budget), run both
/// ways: compiled by the runtime from the tree, and compiled by Roslyn from the written C#, in another assembly, as a
/// host compiles it. Values are compared exactly (doubles by their bits); exceptions by type.
/// </summary>
public sealed class CSharpExpressionWriterTests
{
    private static readonly ParameterExpression Profile = ExpressionScope.Profile;
    private static readonly ParameterExpression Facts = ExpressionScope.Facts;

    public static TheoryData<string> Cases() => [.. TreeCases.Keys];

    private static readonly Dictionary<string, Expression> TreeCases = new()
    {
        ["negative zero"] = Expression.Divide(Expression.Constant(1.0), Expression.Constant(-0.0)),
        ["NaN and infinities"] = Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(object), typeof(object)])!, Expression.Convert(Expression.Constant(double.NaN), typeof(object)), Expression.Convert(Expression.Constant(double.NegativeInfinity), typeof(object))),
        ["smallest and largest doubles"] = Expression.Add(Expression.Constant(double.Epsilon), Expression.Constant(1.7976931348623157E+308)),
        ["a double that needs 17 digits"] = Expression.Constant(0.1 + 0.2),
        ["int.MinValue"] = Expression.Subtract(Expression.Constant(int.MinValue), Expression.Constant(1)),
        ["long.MinValue"] = Expression.Constant(long.MinValue),
        ["decimal keeps its scale"] = Expression.Call(Expression.Constant(1.50m), typeof(decimal).GetMethod(nameof(ToString), Type.EmptyTypes)!),
        ["text with quotes, escapes and other scripts"] = Expression.Constant("\"q\" \\ \n\t\u2028 é 日本 😀 {x}"),
        ["lifted addition with null"] = Expression.Add(Expression.Constant(null, typeof(int?)), Expression.Constant(1, typeof(int?))),
        ["lifted equality of two nulls"] = Expression.Equal(Expression.Constant(null, typeof(int?)), Expression.Constant(null, typeof(int?))),
        ["lifted comparison with null"] = Expression.LessThan(Expression.Constant(null, typeof(double?)), Expression.Constant(1.0, typeof(double?))),
        ["three-valued and"] = Expression.And(Expression.Constant(false, typeof(bool?)), Expression.Constant(null, typeof(bool?))),
        ["three-valued or"] = Expression.Or(Expression.Constant(null, typeof(bool?)), Expression.Constant(true, typeof(bool?))),
        ["short arithmetic wraps as short"] = Expression.Add(Expression.Constant((short)30000), Expression.Constant((short)30000)),
        ["unchecked int overflow wraps"] = Expression.Add(Expression.Constant(int.MaxValue), Expression.Constant(1)),
        ["checked int overflow throws"] = Expression.AddChecked(Expression.Constant(int.MaxValue), Expression.Constant(1)),
        ["checked conversion throws"] = Expression.ConvertChecked(Expression.Constant(1e10), typeof(int)),
        ["integer division by zero throws"] = Expression.Divide(Expression.Constant(1), Expression.Constant(0)),
        ["reference equality of equal texts"] = Expression.Equal(Expression.Convert(Expression.Constant("ab"), typeof(object)), Expression.Convert(Expression.Call(Expression.Constant("a"), typeof(string).GetMethod(nameof(string.Insert))!, Expression.Constant(1), Expression.Constant("b")), typeof(object))),
        ["string equality of equal texts"] = Expression.Equal(Expression.Constant("ab"), Expression.Call(Expression.Constant("a"), typeof(string).GetMethod(nameof(string.Insert))!, Expression.Constant(1), Expression.Constant("b"))),
        ["the object overload of Concat, given texts"] = Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(object), typeof(object)])!, Expression.Constant("a"), Expression.Constant(null, typeof(string))),
        ["banker's rounding"] = Expression.Call(typeof(Math).GetMethod(nameof(Math.Round), [typeof(double), typeof(int)])!, Expression.Constant(2.5), Expression.Constant(0)),
        ["coalesce of a null nullable"] = Expression.Coalesce(Expression.Constant(null, typeof(int?)), Expression.Constant(5)),
        ["an enum value no name has"] = Expression.Convert(Expression.Constant((AdviceIndicator)99), typeof(int)),
        ["dates, lifted"] = Expression.GreaterThanOrEqual(Expression.Constant(new DateOnly(2026, 1, 26), typeof(DateOnly?)), Expression.Constant(new DateOnly(2024, 2, 29), typeof(DateOnly?)), false, typeof(DateOnly).GetMethod("op_GreaterThanOrEqual")),
        ["conditional with a null branch"] = Expression.Condition(Expression.Constant(false), Expression.Constant("yes"), Expression.Constant(null, typeof(string))),
        ["negated small integer"] = Expression.Negate(Expression.Constant((short)-32768)),
        ["boxed constant"] = Expression.Constant(7, typeof(object)),
        ["nested lambdas over a new array"] = Linq(),
        ["a folded array, kept once"] = Expression.Call(typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string)), Expression.Constant(new[] { "a", "B" }), Expression.Constant("B")),
        ["a folded set that ignores case"] = Expression.Call(Expression.Constant(new HashSet<string>(["Renal"], StringComparer.OrdinalIgnoreCase)), typeof(HashSet<string>).GetMethod(nameof(HashSet<string>.Contains))!, Expression.Constant("RENAL")),
        ["a fact read through the facts"] = Expression.Property(Facts, nameof(AdviceFacts.AttemptsLeft)),
        ["the budget runs out in a nested lambda"] = FuelInjector.Inject(Linq(count: 5_000)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WrittenCSharp_ComputesWhatTheTreeComputes(string name)
    {
        var body = TreeCases[name];
        var lambda = Expression.Lambda(typeof(RuleFunc<>).MakeGenericType(body.Type), body, Profile, Facts, ExpressionScope.BoxedItem);
        var facts = AdvicePipeline.Prepare(Shipped.Advisor.Rules, Profiles.Minimal(), Profiles.AsOf);

        var expected = Run(lambda.Compile(), facts);
        var actual = Run(Generated(lambda, checkedArithmetic: false), facts);
        var actualChecked = Run(Generated(lambda, checkedArithmetic: true), facts);

        Assert.Equal(expected, actual);
        Assert.Equal(expected, actualChecked); // a host compiling with <CheckForOverflowUnderflow> changes nothing
    }

    [Fact]
    public void InternalMember_IsRefused_NamingIt()
    {
        var body = Expression.Call(typeof(RetakeAdvice.Model.Markdown).GetMethod(nameof(RetakeAdvice.Model.Markdown.Escape))!, Expression.Constant("x"));
        var lambda = Expression.Lambda<RuleFunc<string?>>(body, Profile, Facts, ExpressionScope.BoxedItem);

        var error = Assert.Throws<PrecompileException>(() => CSharpExpressionWriter.Method("M", lambda, []));

        Assert.Contains("not public", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeNoRuleCanTake_IsRefused_NotGuessed()
    {
        var variable = Expression.Variable(typeof(int), "v");
        var body = Expression.Block([variable], Expression.Assign(variable, Expression.Constant(1)), variable);
        var lambda = Expression.Lambda<RuleFunc<int>>(body, Profile, Facts, ExpressionScope.BoxedItem);

        Assert.Throws<PrecompileException>(() => CSharpExpressionWriter.Method("M", lambda, []));
    }

    private static Expression Linq(int count = 3)
    {
        var x = Expression.Parameter(typeof(int), "x");
        var y = Expression.Parameter(typeof(int), "y");
        var array = Expression.NewArrayInit(typeof(int), Enumerable.Range(1, count).Select(i => Expression.Constant(i)));
        var inner = Expression.Lambda<Func<int, bool>>(Expression.GreaterThan(y, Expression.Constant(1)), y);
        var where = Expression.Call(typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Where) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2).MakeGenericMethod(typeof(int)), array, inner);
        var outer = Expression.Lambda<Func<int, double>>(Expression.Multiply(Expression.Convert(x, typeof(double)), Expression.Constant(0.5)), x);
        return Expression.Call(typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethod && m.GetParameters()[1].ParameterType.GetGenericArguments()[1] == typeof(double)).MakeGenericMethod(typeof(int)), where, outer);
    }

    private static Delegate Generated(LambdaExpression lambda, bool checkedArithmetic)
    {
        var fields = new List<string>();
        var method = CSharpExpressionWriter.Method("M", lambda, fields);
        var source = $"namespace Written;\npublic sealed class Tree\n{{\n{string.Join("\n", fields)}\n{method.Replace("    private ", "    public ", StringComparison.Ordinal)}}}\n";
        var type = InMemoryCompiler.Compile(source, "Written", checkedArithmetic).GetType("Written.Tree", throwOnError: true)!;
        return type.GetMethod("M")!.CreateDelegate(lambda.Type, Activator.CreateInstance(type));
    }

    private static string Run(Delegate compiled, AdviceFacts facts)
    {
        try
        {
            using var fuel = Fuel.Start(1_000, CancellationToken.None);
            var value = compiled.DynamicInvoke(new RetakeProfile(), facts, null);
            return value switch
            {
                double d => $"double {BitConverter.DoubleToInt64Bits(d)}",
                null => "null",
                _ => $"{value.GetType().Name} {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
            };
        }
        catch (TargetInvocationException ex)
        {
            return "throws " + ex.InnerException!.GetType().Name;
        }
    }
}
