using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using RetakeAdvice.Evaluation;
using FastExpressionCompiler;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace RetakeAdvice.Loading;

/// <summary>The result of one compiled expression: a delegate over (profile, facts, item).</summary>
internal delegate TResult RuleFunc<out TResult>(RetakeProfile profile, AdviceFacts facts, object? item);

/// <summary>
/// Parses expressions with RulesEngine's own parser (so the language is RulesEngine's) against the real
/// parameter types, once, at load; then compiles them with FastExpressionCompiler. Evaluation never parses.
/// </summary>
internal sealed class ExpressionCompiler
{
    private readonly RuleExpressionParser _parser = new(new ReSettings());

    /// <summary>Parses an expression in a scope; the result's body still refers to the scope's parameters.</summary>
    /// <exception cref="ExpressionCompileException">The expression does not parse or has the wrong type.</exception>
    public Expression Parse(string? text, ExpressionScope scope, Type? returnType) => Parse(text, scope, returnType, terms: null);

    /// <summary>Parses an expression and lists the facts, profile fields and parameters it reads, for <c>explain</c>.</summary>
    public Expression Parse(string? text, ExpressionScope scope, Type? returnType, List<ExplainTerm>? terms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpressionCompileException("the expression is empty");
        }

        var placeholders = new List<ParameterExpression>(scope.Params.Count + 3) { ExpressionScope.Profile, ExpressionScope.Facts };
        ParameterExpression? item = null;
        if (scope.ItemType is { } itemType)
        {
            item = Expression.Parameter(itemType, ExpressionScope.ItemName);
            placeholders.Add(item);
        }

        var substitutions = new Dictionary<ParameterExpression, Expression>();
        foreach (var (name, value) in scope.Params)
        {
            var placeholder = Expression.Parameter(value.Type, name);
            placeholders.Add(placeholder);
            substitutions[placeholder] = value;
        }

        if (text.Length > ExpressionSandbox.MaxLength)
        {
            throw new ExpressionCompileException($"the expression is {text.Length} characters long; at most {ExpressionSandbox.MaxLength} are allowed");
        }

        Expression body;
        try
        {
            body = _parser.Parse(text, [.. placeholders], returnType);
        }
        catch (System.Linq.Dynamic.Core.Exceptions.ParseException ex)
        {
            throw new ExpressionCompileException($"{ex.Message} (at character {ex.Position + 1} of \"{Shorten(text)}\")", ex.Position);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            throw new ExpressionCompileException($"{ex.Message} (in \"{Shorten(text)}\")");
        }

        ExpressionSandbox.Check(body, item is null ? [ExpressionScope.Profile, ExpressionScope.Facts] : [ExpressionScope.Profile, ExpressionScope.Facts, item]);
        if (item is not null)
        {
            substitutions[item] = Expression.Convert(ExpressionScope.BoxedItem, item.Type);
        }

        var substitution = new Substitution(substitutions);
        if (terms is not null)
        {
            new TermCollector(substitutions, item, substitution, terms).Visit(body);
        }

        return substitutions.Count == 0 ? body : substitution.Visit(body);
    }

    public RuleFunc<TResult> Compile<TResult>(string? text, ExpressionScope scope, List<ExplainTerm> terms) =>
        Compile<TResult>(Parse(text, scope, typeof(TResult), terms));

    /// <summary>Folds an expression that reads no input into a constant; leaves others as they are.</summary>
    public static Expression FoldIfConstant(Expression expression)
    {
        if (ReadsInput.Check(expression))
        {
            return expression;
        }

        var value = Evaluate(expression);
        return Expression.Constant(value, expression.Type);
    }

    /// <summary>
    /// Runs an expression that reads no input, under the invariant culture as evaluation does: a folded value
    /// (<c>"" + 2.5</c>) must not depend on the culture of the thread that loads the rules.
    /// </summary>
    private static object? Evaluate(Expression expression)
    {
        var run = Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).CompileFast();
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// Evaluates an expression that reads no input, once; false when it reads input or throws (then it throws
    /// where it is evaluated, naming its rule, as before folding).
    /// </summary>
    public static bool TryFold(Expression expression, out object? value)
    {
        value = null;
        if (ReadsInput.Check(expression))
        {
            return false;
        }

        try
        {
            value = Evaluate(expression);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>
    /// Compiles a template placeholder into a writer that appends its value to a text through the
    /// <see cref="Template"/> writer for its type (or the general one, boxed, for other types).
    /// </summary>
    public static TemplateWriter CompileWriter(Expression body)
    {
        var text = Expression.Parameter(typeof(StringBuilder), "text");
        var lambda = Expression.Lambda<TemplateWriter>(Writing(body, text), ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem, text);
        return FastCompilerMiscompiles.Check(lambda) ? lambda.Compile() : new HealingWriter(lambda).Invoke;
    }

    /// <summary>
    /// The statement that writes a placeholder's value. Text built in the expression itself is written piece by
    /// piece instead of concatenated first: a string <c>a + b</c> (<see cref="string.Concat(object, object)"/> and
    /// its overloads) writes each operand as <c>Concat</c> would convert it, and a conditional of type text
    /// writes the branch it takes. The text is the same; the intermediate strings and boxes are not made.
    /// </summary>
    private static Expression Writing(Expression value, ParameterExpression text)
    {
        if (value.Type == typeof(string))
        {
            if (value is ConditionalExpression conditional)
            {
                return Expression.Condition(conditional.Test, Writing(conditional.IfTrue, text), Writing(conditional.IfFalse, text), typeof(void));
            }

            if (IsConcat(value, out var operands))
            {
                return Expression.Block(operands.Select(operand => ConcatWriting(operand, text)));
            }
        }

        return WriteCall(nameof(Template.Write), value, text);
    }

    /// <summary>One operand of <c>string.Concat</c>: text as it is, anything else as its <c>ToString()</c> (empty for null).</summary>
    private static Expression ConcatWriting(Expression operand, ParameterExpression text)
    {
        if (operand is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var inner } && operand.Type == typeof(object) && inner.Type.IsValueType)
        {
            operand = inner;
        }

        return operand.Type == typeof(string) ? Writing(operand, text) : WriteCall(nameof(Template.WriteConverted), operand, text);
    }

    private static Expression WriteCall(string name, Expression value, ParameterExpression text)
    {
        // The writer for exactly this type, else the general one for any value, boxed.
        var write = typeof(Template).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic, [typeof(StringBuilder), value.Type]);
        if (write is null || write.GetParameters()[1].ParameterType != value.Type)
        {
            write = typeof(Template).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic, [typeof(StringBuilder), typeof(object)])!;
            value = Expression.Convert(value, typeof(object));
        }

        return Expression.Call(write, text, value);
    }

    internal static bool IsConcat(Expression value, out IReadOnlyList<Expression> operands)
    {
        operands = [];
        if (value is MethodCallExpression { Object: null } call
            && call.Method.DeclaringType == typeof(string)
            && call.Method.Name == nameof(string.Concat)
            && call.Arguments.Count is >= 2 and <= 4
            && call.Method.GetParameters().All(p => p.ParameterType == typeof(string) || p.ParameterType == typeof(object)))
        {
            operands = call.Arguments;
            return true;
        }

        if (value is BinaryExpression { NodeType: ExpressionType.Add, Method: { } add } binary
            && add.DeclaringType == typeof(string)
            && add.Name == nameof(string.Concat))
        {
            operands = [binary.Left, binary.Right];
            return true;
        }

        return false;
    }

    /// <summary><see cref="Healing{TResult}"/> for a <see cref="TemplateWriter"/>.</summary>
    private sealed class HealingWriter(Expression<TemplateWriter> lambda)
    {
        private TemplateWriter _compiled = lambda.CompileFast();
        private TemplateWriter? _healed;

        public void Invoke(RetakeProfile profile, AdviceFacts facts, object? item, StringBuilder text)
        {
            try
            {
                _compiled(profile, facts, item, text);
            }
            catch (InvalidProgramException)
            {
                _compiled = LazyInitializer.EnsureInitialized(ref _healed, lambda.Compile);
                _compiled(profile, facts, item, text);
            }
        }
    }

    public RuleFunc<TResult> Compile<TResult>(string? text, ExpressionScope scope)
    {
        var body = Parse(text, scope, typeof(TResult));
        return Compile<TResult>(body);
    }

    public static RuleFunc<TResult> Compile<TResult>(Expression body)
    {
        if (body.Type != typeof(TResult))
        {
            body = Expression.Convert(body, typeof(TResult));
        }

        var lambda = Expression.Lambda<RuleFunc<TResult>>(body, ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem);
        return FastCompilerMiscompiles.Check(lambda) ? lambda.Compile() : CompileHealing(lambda);
    }

    /// <summary>FastExpressionCompiler, healed by the runtime's compiler if its IL turns out invalid.</summary>
    internal static RuleFunc<TResult> CompileHealing<TResult>(Expression<RuleFunc<TResult>> lambda) => new Healing<TResult>(lambda).Invoke;

    /// <summary>
    /// The one shape FastExpressionCompiler 5.0.2 is known here to emit invalid IL for: a conditional whose test
    /// compares a nullable integer with zero, <c>facts.PracticeExamCount == 0 ? "…" : ""</c> (or <c>!=</c>), the
    /// usual way a rule text says something only when it applies. (<c>== 1</c>, <c>bool? == false</c>, a nullable
    /// double or two members compile correctly; <c>CompilerRegressionTests</c> holds both sides.) Such an expression
    /// goes to the runtime's own compiler at load, so no process pays for meeting the invalid IL (an exception,
    /// then a recompile); any other shape FEC gets wrong is still healed on its first call.
    /// </summary>
    internal sealed class FastCompilerMiscompiles : ExpressionVisitor
    {
        private bool _found;

        public static bool Check(Expression expression)
        {
            var visitor = new FastCompilerMiscompiles();
            visitor.Visit(expression);
            return visitor._found;
        }

        protected override Expression VisitConditional(ConditionalExpression node)
        {
            _found |= Strip(node.Test) is BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual, IsLifted: true } test
                && (IsIntegerZero(test.Left) || IsIntegerZero(test.Right));
            return base.VisitConditional(node);
        }

        private static bool IsIntegerZero(Expression operand) =>
            Strip(operand) is ConstantExpression { Value: 0 or 0L or (short)0 or (byte)0 or 0U or 0UL or (ushort)0 or (sbyte)0 };

        private static Expression Strip(Expression expression)
        {
            while (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            {
                expression = convert.Operand;
            }

            return expression;
        }
    }

    /// <summary>
    /// A delegate compiled by FastExpressionCompiler that heals itself: FEC emits invalid IL for a few shapes (a
    /// conditional over a nullable in string concatenation, for one), which the runtime reports as
    /// <see cref="InvalidProgramException"/> when it first JIT-compiles the method, before any of it runs. A call
    /// that meets it runs the expression compiled by the runtime's own compiler instead, from then on; nothing ran,
    /// so nothing runs twice. Any number of threads may meet it at once (the first requests after a reload do):
    /// each takes the one healed delegate, none fails. Checking this at load instead would JIT every delegate of
    /// the rule set up front (about a third of a cold start), most of which a single advice call never runs.
    /// </summary>
    private sealed class Healing<TResult>(Expression<RuleFunc<TResult>> lambda)
    {
        private RuleFunc<TResult> _compiled = lambda.CompileFast();
        private RuleFunc<TResult>? _healed;

        public TResult Invoke(RetakeProfile profile, AdviceFacts facts, object? item)
        {
            try
            {
                return _compiled(profile, facts, item);
            }
            catch (InvalidProgramException)
            {
                _compiled = LazyInitializer.EnsureInitialized(ref _healed, lambda.Compile);
                return _compiled(profile, facts, item);
            }
        }
    }

    /// <summary>
    /// Compiles a numeric expression of any numeric type (nullable included) and converts its value to
    /// <typeparamref name="TResult"/>; a null where a number is required throws at evaluation, naming the rule.
    /// </summary>
    public RuleFunc<TResult> CompileNumber<TResult>(string? text, ExpressionScope scope)
    {
        var body = Parse(text, scope, null);
        var type = Nullable.GetUnderlyingType(body.Type) ?? body.Type;
        if (!NumericTypes.Contains(type))
        {
            throw new ExpressionCompileException($"must give a number, but gives {Describe(body.Type)} (in \"{Shorten(text!)}\")");
        }

        return Compile<TResult>(body);
    }

    private static readonly HashSet<Type> NumericTypes =
        [typeof(byte), typeof(short), typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)];

    /// <summary>Compiles a collection expression, reporting its element type for the per-item parts.</summary>
    public RuleFunc<IEnumerable?> CompileCollection(string? text, ExpressionScope scope, out Type elementType)
    {
        var body = Parse(text, scope, null);
        elementType = ElementTypeOf(body.Type)
            ?? throw new ExpressionCompileException($"must give a list of items, but gives {Describe(body.Type)} (in \"{Shorten(text!)}\")");
        return Compile<IEnumerable?>(body);
    }

    private static Type? ElementTypeOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        foreach (var candidate in type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces())
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>A type as a rule author reads it: "a number (Int32?)", "a list of TopicFact".</summary>
    internal static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var name = underlying is null ? Name(type) : Name(underlying) + "?";
        return type == typeof(bool) || underlying == typeof(bool) ? $"true/false ({name})"
            : NumericTypes.Contains(underlying ?? type) ? $"a number ({name})"
            : type == typeof(string) ? "text (String)"
            : ElementTypeOf(type) is { } element ? $"a list of {Name(element)}"
            : $"a {name}";

        static string Name(Type t) => t.IsGenericType
            ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>"
            : t.Name;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var value) ? value : node;
    }

    /// <summary>
    /// Collects what an expression reads: each maximal member chain on <c>profile</c>, <c>facts</c> or <c>item</c>
    /// (<c>facts.LatestPracticeExam.Name</c>), and each parameter, once, in order.
    /// </summary>
    private sealed class TermCollector(
        Dictionary<ParameterExpression, Expression> parameters,
        ParameterExpression? item,
        Substitution substitution,
        List<ExplainTerm> terms) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            var names = new Stack<string>();
            Expression? current = node;
            while (current is MemberExpression member)
            {
                names.Push(member.Member.Name);
                current = member.Expression;
            }

            if (current is ParameterExpression root && (root == ExpressionScope.Profile || root == ExpressionScope.Facts || root == item))
            {
                Add(root.Name + "." + string.Join(".", names), substitution.Visit(node));
                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (parameters.TryGetValue(node, out var value) && node != item)
            {
                Add(node.Name!, value);
            }

            return node;
        }

        private void Add(string name, Expression value)
        {
            if (!terms.Exists(t => t.Name == name))
            {
                terms.Add(new ExplainTerm(name, value));
            }
        }
    }

    private sealed class ReadsInput : ExpressionVisitor
    {
        private bool _reads;

        public static bool Check(Expression expression)
        {
            var visitor = new ReadsInput();
            visitor.Visit(expression);
            return visitor._reads;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _reads |= node == ExpressionScope.Profile || node == ExpressionScope.Facts || node == ExpressionScope.BoxedItem;
            return node;
        }
    }
}

/// <summary>A value an expression reads, by name, as an expression over (profile, facts, item): compiled only for <c>explain</c>.</summary>
internal sealed record ExplainTerm(string Name, Expression Value);

/// <summary>An expression could not be compiled; the loader adds file, rule and path.</summary>
/// <param name="message">What is wrong.</param>
/// <param name="position">The 0-based character of the text where it is wrong, when the parser says.</param>
internal sealed class ExpressionCompileException(string message, int? position = null) : Exception(message)
{
    public int? Position { get; } = position;
}
