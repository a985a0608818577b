using System.Linq.Expressions;
using System.Text;
using RetakeAdvice.Model;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Loading;

/// <summary>
/// A text whose placeholders only choose between texts fixed at load (<c>{facts.AttemptsLeft > 0 ? "The exam" :
/// "Whatever comes next"}</c>, a parameter that picks one of three summaries, a line built from rule-set
/// parameters) is written at load once per choice; a call evaluates the conditions, in the order and nesting the
/// writer would, and returns one of those texts. The text is the writer's, to the character: each is written by the
/// placeholder's own writer statements, with each condition replaced by the choice.
/// </summary>
internal sealed class TemplateChoices
{
    /// <summary>At most this many conditions (so 2^5 = 32 texts) per text; a text with more is written per call.</summary>
    public const int MaxConditions = 5;

    private readonly ManifestFacts? _manifestFacts;
    private readonly List<ConditionalExpression> _conditions = [];
    private readonly Dictionary<ConditionalExpression, bool> _decided = [];

    private TemplateChoices(ManifestFacts? manifestFacts) => _manifestFacts = manifestFacts;

    /// <param name="literals">The literal parts, one more than <paramref name="placeholders"/>.</param>
    /// <param name="placeholders">The placeholders as the writers would write them (Markdown escaping in).</param>
    /// <param name="manifestFacts">The facts that are the manifest's tables; null when unknown.</param>
    /// <returns>The template, or null when a placeholder does more than choose (it is then written per call).</returns>
    public static Template? TryBuild(IReadOnlyList<string> literals, IReadOnlyList<Expression> placeholders, ManifestFacts? manifestFacts)
    {
        var choices = new TemplateChoices(manifestFacts);
        foreach (var placeholder in placeholders)
        {
            if (!choices.Collect(placeholder) || choices._conditions.Count > MaxConditions)
            {
                return null;
            }
        }

        return choices._conditions.Count == 0 ? null : choices.Build(literals, placeholders);
    }

    private Template? Build(IReadOnlyList<string> literals, IReadOnlyList<Expression> placeholders)
    {
        var choice = Expression.Parameter(typeof(int), "choice");
        var texts = new string[1 << _conditions.Count];
        var text = new StringBuilder();
        try
        {
            var writers = placeholders.Select(p => DelegateCompiler.CompileLoadTimeWriter<int>(new Chosen(this, choice).Visit(p), choice)).ToArray();
            using var fuel = Fuel.Start(Fuel.DefaultBudget, CancellationToken.None);
            for (var i = 0; i < texts.Length; i++)
            {
                text.Clear();
                for (var p = 0; p < writers.Length; p++)
                {
                    text.Append(literals[p]);
                    writers[p](text, i);
                }

                text.Append(literals[^1]);
                if (text.Length > Template.MaxRenderedLength)
                {
                    return null;
                }

                texts[i] = text.ToString();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A choice that cannot be written (a part that throws) is written per call, and fails there, naming its rule.
            return null;
        }

        return new Template(DelegateCompiler.Compile<int>(Sum(placeholders.Select(Index))!), texts);
    }

    /// <summary>Finds the conditions; false when a part is neither fixed, a condition between choices, nor a concatenation of them.</summary>
    private bool Collect(Expression node)
    {
        if (IsFixed(node))
        {
            return true;
        }

        if (node is ConditionalExpression conditional)
        {
            if (Decided(conditional) is { } decided)
            {
                return Collect(decided ? conditional.IfTrue : conditional.IfFalse);
            }

            // A parameter named twice puts the same condition in two places: one bit serves both.
            if (!_conditions.Contains(conditional))
            {
                _conditions.Add(conditional);
            }

            return Collect(conditional.IfTrue) && Collect(conditional.IfFalse);
        }

        if (DelegateCompiler.IsConcat(node, out var operands))
        {
            return operands.All(Collect);
        }

        return node is UnaryExpression { NodeType: ExpressionType.Convert } convert && Collect(convert.Operand);
    }

    /// <summary>A part that reads nothing but rule-set parameters and the manifest's tables.</summary>
    private bool IsFixed(Expression node) => !ExpressionCompiler.ReadsAnyInput(Substitute(node));

    private Expression Substitute(Expression node) => _manifestFacts?.Substitute(node) ?? node;

    /// <summary>The value of a condition that reads only the manifest's tables (<c>facts.SupportLines.Count > 0</c>); null when it reads input.</summary>
    private bool? Decided(ConditionalExpression conditional)
    {
        if (_decided.TryGetValue(conditional, out var known))
        {
            return known;
        }

        var test = Substitute(conditional.Test);
        if (!ExpressionCompiler.ReadsAnyInput(test) && ExpressionCompiler.TryFold(test, out var value) && value is bool decided)
        {
            _decided[conditional] = decided;
            return decided;
        }

        return null;
    }

    /// <summary>The number of the choice a call makes in this part: the sum of the bits of the conditions that hold on its path; null for none.</summary>
    private Expression? Index(Expression node)
    {
        if (IsFixed(node))
        {
            return null;
        }

        if (node is ConditionalExpression conditional)
        {
            if (_decided.TryGetValue(conditional, out var decided))
            {
                return Index(decided ? conditional.IfTrue : conditional.IfFalse);
            }

            var bit = Expression.Constant(1 << _conditions.IndexOf(conditional));
            Expression whenTrue = Index(conditional.IfTrue) is { } t ? Expression.Add(bit, t) : bit;
            return Expression.Condition(conditional.Test, whenTrue, Index(conditional.IfFalse) ?? Expression.Constant(0));
        }

        if (DelegateCompiler.IsConcat(node, out var operands))
        {
            return Sum(operands.Select(Index));
        }

        return Index(((UnaryExpression)node).Operand);
    }

    /// <summary>The sum of the parts' choice numbers; null when no part chooses.</summary>
    private static Expression? Sum(IEnumerable<Expression?> parts) =>
        parts.OfType<Expression>().Aggregate((Expression?)null, (sum, next) => sum is null ? next : Expression.Add(sum, next));

    /// <summary>The part with each condition read from the choice's bit, the decided ones taken, and the manifest's tables put in.</summary>
    private sealed class Chosen(TemplateChoices choices, ParameterExpression choice) : ExpressionVisitor
    {
        protected override Expression VisitConditional(ConditionalExpression node)
        {
            if (choices._decided.TryGetValue(node, out var decided))
            {
                return Visit(decided ? node.IfTrue : node.IfFalse);
            }

            var at = choices._conditions.IndexOf(node);
            if (at < 0)
            {
                return base.VisitConditional(node);
            }

            var holds = Expression.NotEqual(Expression.And(choice, Expression.Constant(1 << at)), Expression.Constant(0));
            return Expression.Condition(holds, Visit(node.IfTrue), Visit(node.IfFalse), node.Type);
        }

        protected override Expression VisitMember(MemberExpression node) =>
            choices._manifestFacts?.Substitute(node) is { } substituted && substituted != node ? substituted : base.VisitMember(node);
    }
}
