using System.Collections;
using System.Linq.Expressions;
using RetakeAdvice.Precompiled;
using RetakeAdvice.Primitives;
using RulesEngine.ExpressionBuilders;
using ReSettings = RulesEngine.Models.ReSettings;

namespace RetakeAdvice.Loading;

/// <summary>
/// Parses expressions with RulesEngine's own parser (so the language is RulesEngine's) against the real
/// parameter types, once, at load; then compiles them with FastExpressionCompiler. Evaluation never parses.
/// </summary>
internal sealed partial class ExpressionCompiler
{
    private readonly RuleExpressionParser _parser = new(new ReSettings());

    /// <summary>The closed sets of values facts take (the manifest's band names among them), once the manifest is read.</summary>
    public KnownValues? KnownValues { get; set; }

    /// <summary>The facts that are the manifest's tables, once the manifest is read: texts that read only them are folded.</summary>
    public ManifestFacts? ManifestFacts { get; set; }

    /// <summary>When set (coverage), each comparison against a numeric parameter records which side it took.</summary>
    public ThresholdProbes? Probes { get; set; }

    /// <summary>How many parameters the rule set keeps per call (<see cref="KeptPerCall"/>): the slots each call's facts hold.</summary>
    public int KeptValues { get; private set; }

    /// <summary>
    /// A parameter's value as the expressions that name it read it. One that reads the profile or the facts and walks
    /// a list (a lambda: <c>facts.Topics.Where(t => t.Seen &lt;= lowYieldMaxSeen)</c>) is worked out once per call,
    /// the first time a part reads it, and recalled by every later read, in any part of any rule; a lazy list
    /// (<c>Where</c>, <c>Select</c>) is kept as an array, so the walk is not repeated when the list is read again.
    /// Any other parameter is put in where it is named, as before: reading a fact costs less than recalling it.
    /// </summary>
    public Expression KeptPerCall(Expression value)
    {
        // A parameter that only names a kept one (n = lowYieldTopics) is that one's slot already.
        if (!WalksInput.Check(value) || value is ConditionalExpression { Test: MethodCallExpression { Method: var test } } && test == IsKeptMethod)
        {
            return value;
        }

        var slot = Expression.Constant(KeptValues++);
        var computed = value;
        if (value.Type.IsGenericType && value.Type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            computed = Expression.Call(WalkedMethod.MakeGenericMethod(value.Type.GetGenericArguments()[0]), value);
        }

        return Expression.Condition(
            Expression.Call(IsKeptMethod, ExpressionScope.Facts, slot),
            Expression.Call(KeptMethod.MakeGenericMethod(value.Type), ExpressionScope.Facts, slot),
            Expression.Call(KeepMethod.MakeGenericMethod(value.Type), ExpressionScope.Facts, slot, computed));
    }

    private static readonly System.Reflection.MethodInfo IsKeptMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.IsKept))!;
    private static readonly System.Reflection.MethodInfo KeptMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.Kept))!;
    private static readonly System.Reflection.MethodInfo KeepMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.Keep))!;
    private static readonly System.Reflection.MethodInfo WalkedMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.Walked))!;

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
        catch (System.Linq.Dynamic.Core.Exceptions.ParseException ex) when (IdentifierAt(text, ex.Position) is { } name && scope.BrokenAt(name) is { } declared)
        {
            throw new ExpressionCompileException($"uses '{name}', which did not compile: fix it at {declared} (at character {ex.Position + 1} of \"{Shorten(text)}\")", ex.Position);
        }
        catch (System.Linq.Dynamic.Core.Exceptions.ParseException ex)
        {
            throw new ExpressionCompileException($"{ex.Message}{Suggestion(ex.Message, scope)} (at character {ex.Position + 1} of \"{Shorten(text)}\")", ex.Position);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            throw new ExpressionCompileException($"{ex.Message} (in \"{Shorten(text)}\")");
        }

        // A parameter that reads the profile or the facts is input too: topics = facts.Topics, then
        // topics.Count(a => topics.Count(b => …)) is the nested scan the sandbox refuses, under another name.
        List<ParameterExpression> inputs = item is null ? [ExpressionScope.Profile, ExpressionScope.Facts] : [ExpressionScope.Profile, ExpressionScope.Facts, item];
        // Every parameter that reads no input was folded to a constant when it was declared (FoldIfConstant).
        inputs.AddRange(substitutions.Where(s => s.Value is not ConstantExpression).Select(s => s.Key));
        ExpressionSandbox.Check(body, inputs);
        KnownValues?.Check(body);
        if (item is not null)
        {
            substitutions[item] = Expression.Convert(ExpressionScope.BoxedItem, item.Type);
        }

        var substitution = new Substitution(substitutions);
        if (terms is not null)
        {
            new TermCollector(substitutions, item, substitution, terms).Visit(body);
        }

        if (Probes is not null)
        {
            body = Probes.Insert(body, substitutions);
        }

        var result = substitutions.Count == 0 ? body : substitution.Visit(body);
        ExpressionSize.Check(result);
        return result;
    }

    public RuleFunc<TResult> Compile<TResult>(string? text, ExpressionScope scope, List<ExplainTerm> terms) =>
        DelegateCompiler.Compile<TResult>(Parse(text, scope, typeof(TResult), terms));

    /// <summary>Folds an expression that reads no input into a constant; leaves others as they are.</summary>
    public static Expression FoldIfConstant(Expression expression)
    {
        if (ReadsInput.Check(expression))
        {
            return expression;
        }

        object? value;
        try
        {
            value = Evaluate(expression);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or ExpressionCompileException))
        {
            // A constant that cannot be computed (1 / 0, a parse of bad text) is a rule-set error at load, with its
            // place, never an exception that escapes the loader (and a watching host's reload).
            var reason = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
            throw new ExpressionCompileException($"its value cannot be computed: {reason.Message}");
        }

        return Expression.Constant(value, expression.Type);
    }

    /// <summary>
    /// Runs an expression that reads no input. Loading runs under the invariant culture, as evaluation does: a
    /// folded value (<c>"" + 2.5</c>) does not depend on the culture of the thread that loads the rules.
    /// </summary>
    private static object? Evaluate(Expression expression)
    {
        // Metered as a call is: a constant that would run for ever stops loading with an error, not the loader.
        using var fuel = Fuel.Start(Fuel.DefaultBudget, CancellationToken.None);
        return DelegateCompiler.Fast(Expression.Lambda<Func<object?>>(Expression.Convert(FuelInjector.Inject(expression), typeof(object))))();
    }

    /// <summary>Whether an expression reads the profile, the facts or the item.</summary>
    public static bool ReadsAnyInput(Expression expression) => ReadsInput.Check(expression);

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

    public RuleFunc<TResult> Compile<TResult>(string? text, ExpressionScope scope)
    {
        var body = Parse(text, scope, typeof(TResult));
        return DelegateCompiler.Compile<TResult>(body);
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

        return DelegateCompiler.Compile<TResult>(body);
    }

    private static readonly HashSet<Type> NumericTypes =
        [typeof(byte), typeof(short), typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)];

    /// <summary>Compiles a collection expression, reporting its element type for the per-item parts.</summary>
    public RuleFunc<IEnumerable?> CompileCollection(string? text, ExpressionScope scope, out Type elementType)
    {
        var body = Parse(text, scope, null);
        elementType = ElementTypeOf(body.Type)
            ?? throw new ExpressionCompileException($"must give a list of items, but gives {Describe(body.Type)} (in \"{Shorten(text!)}\")");
        return DelegateCompiler.Compile<IEnumerable?>(body);
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

    /// <summary>
    /// For a misspelt member, the nearest of the type's members and the list of them ("did you mean 'Distress'? facts
    /// has: ..."); for a misspelt name, the nearest of the names in scope.
    /// </summary>
    private static string Suggestion(string message, ExpressionScope scope)
    {
        if (MissingMember().Match(message) is { Success: true } member
            && typeof(ExpressionCompiler).Assembly.GetTypes().Concat([typeof(string)]).FirstOrDefault(t => t.Name == member.Groups[2].Value && t.IsPublic) is { } type)
        {
            var members = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Select(p => p.Name)
                .Concat(type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Select(f => f.Name))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            var nearest = Spelling.Nearest(member.Groups[1].Value, members);
            return (nearest is null ? string.Empty : $"; did you mean '{nearest}'?") + $" {type.Name} has: {string.Join(", ", members)}";
        }

        if (UnknownIdentifier().Match(message) is { Success: true } identifier)
        {
            string[] names = [ExpressionScope.ProfileName, ExpressionScope.FactsName, .. scope.ItemType is null ? Array.Empty<string>() : [ExpressionScope.ItemName], .. scope.Params.Select(p => p.Name)];
            return Spelling.Nearest(identifier.Groups[1].Value, names) is { } nearest ? $"; did you mean '{nearest}'?" : string.Empty;
        }

        return string.Empty;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^No property or field '([^']+)' exists in type '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex MissingMember();

    [System.Text.RegularExpressions.GeneratedRegex("^Unknown identifier '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex UnknownIdentifier();

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    // The identifier that starts at a parse error's position, if one does.
    private static string? IdentifierAt(string text, int position)
    {
        var end = position;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > position && position >= 0 && !char.IsDigit(text[position]) ? text[position..end] : null;
    }

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var value) ? value : node;
    }

    /// <summary>
    /// Collects what an expression reads: each maximal member chain on <c>profile</c>, <c>facts</c> or <c>item</c>
    /// (<c>facts.LatestPracticeExam.Name</c>), and each parameter, once, in order; for a parameter that reads input,
    /// the chains it reads as well.
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
                if (value is not ConstantExpression)
                {
                    // A parameter or condition that reads input (attemptsLeft = facts.AttemptsLeft > 0): what it read too.
                    Visit(value);
                }
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

    /// <summary>Whether an expression reads the profile or the facts (not an item) and has a lambda: a walk worth keeping.</summary>
    private sealed class WalksInput : ExpressionVisitor
    {
        private bool _reads;
        private bool _item;
        private bool _walks;

        public static bool Check(Expression expression)
        {
            var visitor = new WalksInput();
            visitor.Visit(expression);
            return visitor._reads && visitor._walks && !visitor._item;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _reads |= node == ExpressionScope.Profile || node == ExpressionScope.Facts;
            _item |= node == ExpressionScope.BoxedItem;
            return node;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _walks = true;
            return base.VisitLambda(node);
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
