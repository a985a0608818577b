using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace RetakeAdvice.Loading;

/// <summary>
/// An allow-list over the parsed expression tree (never the text): rule expressions may read the profile, the
/// facts and plain values, and use LINQ, strings, math and dates. Everything else is refused when the rule set
/// loads: reflection (even <c>GetType()</c> on any value), IO, the environment, processes, type lookup, clocks and
/// random numbers (advice must be reproducible), unbounded generators (<c>Enumerable.Range</c>, <c>Repeat</c>,
/// huge strings and arrays), and nested enumeration of input collections (quadratic work on a 10,000-topic list).
/// </summary>
internal sealed class ExpressionSandbox : ExpressionVisitor
{
    /// <summary>The longest expression text accepted.</summary>
    public const int MaxLength = 2_000;

    private static readonly HashSet<Type> AllowedTypes =
    [
        typeof(object), typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort),
        typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
        typeof(DateOnly), typeof(DateTime), typeof(TimeSpan), typeof(Math), typeof(Convert), typeof(Enumerable),
        typeof(StringComparer), typeof(StringComparison), typeof(IEnumerable),
    ];

    private static readonly HashSet<Type> AllowedGenericTypes =
    [
        typeof(Nullable<>), typeof(IEnumerable<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IList<>),
        typeof(ICollection<>), typeof(List<>), typeof(HashSet<>), typeof(IOrderedEnumerable<>), typeof(IGrouping<,>),
        typeof(KeyValuePair<,>), typeof(IEqualityComparer<>), typeof(IComparer<>), typeof(Func<>), typeof(Func<,>), typeof(Func<,,>),
    ];

    /// <summary>Members of allowed types that are still refused, by declaring type and name.</summary>
    private static readonly HashSet<(Type, string)> DeniedMembers =
    [
        (typeof(object), nameof(GetType)),
        (typeof(Enumerable), nameof(Enumerable.Range)),
        (typeof(Enumerable), nameof(Enumerable.Repeat)),
        (typeof(DateTime), "Now"), // clocks make advice irreproducible
        (typeof(DateTime), "UtcNow"),
        (typeof(DateTime), "Today"),
        (typeof(string), nameof(string.PadLeft)),
        (typeof(string), nameof(string.PadRight)),
        (typeof(string), nameof(string.Intern)),
        (typeof(Convert), nameof(Convert.ChangeType)),
    ];

    /// <summary>
    /// Members refused because their result depends on the clock, the time zone or the process: parsing a time of
    /// day gives today's date (<c>DateTime.Parse("00:00")</c>), local-time conversions follow the host's zone, and
    /// a string's hash code changes with every process. Advice must be the same wherever and whenever it runs.
    /// </summary>
    private static readonly HashSet<(Type, string)> Nondeterministic =
    [
        (typeof(DateTime), nameof(DateTime.Parse)),
        (typeof(DateTime), nameof(DateTime.TryParse)),
        (typeof(DateTime), nameof(DateTime.ParseExact)),
        (typeof(DateTime), nameof(DateTime.TryParseExact)),
        (typeof(DateTime), nameof(DateTime.ToLocalTime)),
        (typeof(DateTime), nameof(DateTime.ToUniversalTime)),
        (typeof(DateTime), nameof(DateTime.ToFileTime)),
        (typeof(DateTime), nameof(DateTime.FromFileTime)),
        (typeof(DateTime), nameof(DateTime.ToLongDateString)),
        (typeof(DateTime), nameof(DateTime.ToLongTimeString)),
        (typeof(DateTime), nameof(DateTime.ToShortDateString)),
        (typeof(DateTime), nameof(DateTime.ToShortTimeString)),
        (typeof(TimeSpan), nameof(TimeSpan.Parse)),
        (typeof(TimeSpan), nameof(TimeSpan.TryParse)),
        (typeof(Convert), nameof(Convert.ToDateTime)),
    ];

    /// <summary>Types no node may have: holding one is the start of reflection.</summary>
    private static readonly Type[] DeniedNodeTypes =
        [typeof(Type), typeof(MemberInfo), typeof(Assembly), typeof(Module), typeof(ParameterInfo), typeof(AppDomain)];

    // What to write instead, for the refusals an author meets most.
    private static string Why(string member) => member switch
    {
        "Now" or "UtcNow" or "Today" => ": advice must be the same whenever it runs; use facts.AsOf, the day of the advice",
        nameof(Enumerable.Range) or nameof(Enumerable.Repeat) => ": it can make any number of elements; write the values out in an array",
        nameof(string.PadLeft) or nameof(string.PadRight) => ": it can make a text of any length; write the spaces or characters out",
        nameof(GetType) => ": reflection reads the host's internals",
        _ => string.Empty,
    };

    private readonly HashSet<ParameterExpression> _inputs;
    private readonly List<string> _problems = [];
    private int _lambdaDepth;

    private ExpressionSandbox(IEnumerable<ParameterExpression> inputs) => _inputs = [.. inputs];

    /// <summary>Checks a parsed expression; the inputs are the parameters that carry request data.</summary>
    /// <exception cref="ExpressionCompileException">The expression uses something outside the allow-list.</exception>
    public static void Check(Expression body, IEnumerable<ParameterExpression> inputs)
    {
        var sandbox = new ExpressionSandbox(inputs);
        sandbox.Visit(body);
        if (sandbox._problems.Count > 0)
        {
            throw new ExpressionCompileException("refused by the expression sandbox: " + string.Join("; ", sandbox._problems.Distinct()));
        }
    }

    public override Expression? Visit(Expression? node)
    {
        if (node is not null && node.NodeType != ExpressionType.Lambda && Array.Exists(DeniedNodeTypes, t => t.IsAssignableFrom(node.Type)))
        {
            _problems.Add($"reflection is not allowed (a value of type {node.Type.Name})");
            return node;
        }

        return base.Visit(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var method = node.Method;
        if (!IsAllowed(method.DeclaringType!) || DeniedMembers.Contains((method.DeclaringType!, method.Name)))
        {
            _problems.Add($"{method.DeclaringType!.Name}.{method.Name} is not allowed{Why(method.Name)}");
            return node;
        }

        if (FormatProblem(node) is { } formatProblem)
        {
            _problems.Add(formatProblem);
            return node;
        }

        if (Nondeterministic.Contains((method.DeclaringType!, method.Name)) || method.Name == nameof(GetHashCode))
        {
            _problems.Add($"{method.DeclaringType!.Name}.{method.Name} is not allowed: its result depends on the clock, the time zone or the process, and advice must not");
            return node;
        }

        if (method.DeclaringType == typeof(Enumerable) && _lambdaDepth > 0 && node.Arguments.Count > 0 && ReadsInput(node.Arguments[0]))
        {
            _problems.Add($"{method.Name} over an input collection inside another query's lambda enumerates it once per item (quadratic), also through a parameter, which is put in where it is named rather than computed once; test each item on its own values, or ask for a fact that holds the result");
            return node;
        }

        if (method.DeclaringType == typeof(Enumerable))
        {
            foreach (var argument in node.Arguments)
            {
                if (argument is LambdaExpression lambda && IsCollection(lambda.Body.Type) && ReadsInput(lambda.Body))
                {
                    _problems.Add($"{method.Name} with a lambda that gives an input collection per item is quadratic; compute it once, outside the lambda");
                    return node;
                }
            }
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _lambdaDepth++;
        try
        {
            return base.VisitLambda(node);
        }
        finally
        {
            _lambdaDepth--;
        }
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        var declaring = node.Member.DeclaringType!;
        if (!IsAllowed(declaring) || DeniedMembers.Contains((declaring, node.Member.Name)))
        {
            _problems.Add($"{declaring.Name}.{node.Member.Name} is not allowed{Why(node.Member.Name)}");
            return node;
        }

        return base.VisitMember(node);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        var type = node.Type;
        if (type == typeof(string) || !(type == typeof(DateOnly) || type == typeof(TimeSpan) || type == typeof(DateTime)))
        {
            _problems.Add($"creating a {type.Name} is not allowed");
            return node;
        }

        return base.VisitNew(node);
    }

    protected override Expression VisitNewArray(NewArrayExpression node)
    {
        if (node.NodeType == ExpressionType.NewArrayBounds)
        {
            _problems.Add("arrays of a computed size are not allowed; list the elements (new[] { … })");
            return node;
        }

        return base.VisitNewArray(node);
    }

    protected override Expression VisitInvocation(InvocationExpression node)
    {
        _problems.Add("invoking a delegate is not allowed");
        return node;
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        if (node.Value is not null && !IsAllowed(node.Value.GetType()))
        {
            _problems.Add($"a constant of type {node.Value.GetType().Name} is not allowed");
        }

        return node;
    }

    /// <summary>The widest field or the most digits a format may ask for: more than any card needs.</summary>
    public const int MaxFormatWidth = 100;

    /// <summary>
    /// A format decides how long the text it makes is: <c>ToString("D999999999")</c> built a 2 GB string and
    /// <c>string.Format("{0,999999}", …)</c> a 1 GB one. A format must be written out in the expression (so it can be
    /// read here), and its precisions and alignments stay within <see cref="MaxFormatWidth"/>.
    /// </summary>
    private static string? FormatProblem(MethodCallExpression node)
    {
        var method = node.Method;
        var parameters = method.GetParameters();
        var isToString = method.Name == nameof(ToString);
        var isFormat = method.DeclaringType == typeof(string) && method.Name == nameof(string.Format);
        if (!isToString && !isFormat)
        {
            return null;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType != typeof(string) || parameters[i].Name != "format")
            {
                continue;
            }

            if (node.Arguments[i] is not ConstantExpression { Value: var value })
            {
                return $"{method.DeclaringType!.Name}.{method.Name} needs its format written out in the expression, not computed";
            }

            if (value is string format && (isFormat ? CompositeWidth(format) : StandardWidth(format)) > MaxFormatWidth)
            {
                return $"the format \"{(format.Length > 40 ? format[..40] + "…" : format)}\" asks for more than {MaxFormatWidth} characters or digits";
            }
        }

        return null;
    }

    /// <summary>The precision of a standard format ("D999", "F2"); custom formats are as long as they are written.</summary>
    private static long StandardWidth(string format) =>
        format.Length > 1 && char.IsAsciiLetter(format[0]) && format.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0
            ? (long.TryParse(format.AsSpan(1), out var precision) ? precision : long.MaxValue)
            : 0;

    /// <summary>The largest alignment or precision in a composite format ("{0,-999}", "{1:F9999}").</summary>
    private static long CompositeWidth(string format)
    {
        long widest = 0;
        var at = 0;
        while ((at = format.IndexOf('{', at)) >= 0)
        {
            if (at + 1 < format.Length && format[at + 1] == '{')
            {
                at += 2;
                continue;
            }

            var end = format.IndexOf('}', at);
            if (end < 0)
            {
                break;
            }

            var item = format.AsSpan(at + 1, end - at - 1);
            var colon = item.IndexOf(':');
            var head = colon >= 0 ? item[..colon] : item;
            var comma = head.IndexOf(',');
            if (comma >= 0)
            {
                widest = Math.Max(widest, long.TryParse(head[(comma + 1)..].Trim().TrimStart('-'), out var alignment) ? alignment : long.MaxValue);
            }

            if (colon >= 0)
            {
                widest = Math.Max(widest, StandardWidth(item[(colon + 1)..].ToString()));
            }

            at = end + 1;
        }

        return widest;
    }

    private bool ReadsInput(Expression expression)
    {
        var finder = new InputFinder(_inputs);
        finder.Visit(expression);
        return finder.Found;
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsAllowed(Type type)
    {
        if (type.IsArray)
        {
            return IsAllowed(type.GetElementType()!);
        }

        if (type.IsGenericType)
        {
            return AllowedGenericTypes.Contains(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed);
        }

        // The contract and fact types: plain data, public members only.
        return AllowedTypes.Contains(type) || (type.Assembly == typeof(ExpressionSandbox).Assembly && type.IsPublic);
    }

    private sealed class InputFinder(HashSet<ParameterExpression> inputs) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= inputs.Contains(node);
            return node;
        }
    }
}
