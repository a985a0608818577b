using System.Linq.Expressions;
using System.Reflection;
using RetakeAdvice.Facts;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Loading;

/// <summary>
/// Facts whose values are a closed set: the failure band (the manifest's band names), a practice exam's verdict
/// and the measure it was taken from, and the profile's own vocabularies (student type, accommodations, a content
/// area's performance, a mentor's role). A rule that compares one of them with text outside the set would silently
/// never hold (<c>facts.FailureBand == "nearish"</c>), so loading refuses it, naming the values there are.
/// </summary>
internal sealed class KnownValues : ExpressionVisitor
{
    private static readonly string[] Verdicts = [FactNames.Passed, FactNames.Close, FactNames.Failed];
    private static readonly string[] Measures = [FactNames.ByProbability, FactNames.ByPercentCorrect, FactNames.ByScore];

    private readonly Dictionary<MemberInfo, (string What, string[] Values)> _sets;

    public KnownValues(IEnumerable<string> bandNames)
    {
        _sets = new Dictionary<MemberInfo, (string, string[])>
        {
            [typeof(AdviceFacts).GetProperty(nameof(AdviceFacts.FailureBand))!] = ("a failure band of the manifest", [.. bandNames]),
            [typeof(AdviceFacts).GetProperty(nameof(AdviceFacts.PracticeVerdict))!] = ("a practice-exam verdict", Verdicts),
            [typeof(PracticeExamFact).GetProperty(nameof(PracticeExamFact.Verdict))!] = ("a practice-exam verdict", Verdicts),
            [typeof(PracticeExamFact).GetProperty(nameof(PracticeExamFact.Measure))!] = ("a practice-exam measure", Measures),
            [typeof(AdviceFacts).GetProperty(nameof(AdviceFacts.StudentType))!] = ("a student type", [.. EnumNames<StudentType>.All]),
            [typeof(AdviceFacts).GetProperty(nameof(AdviceFacts.Accommodations))!] = ("an accommodations status", [.. EnumNames<AccommodationsStatus>.All]),
            [typeof(ContentAreaFact).GetProperty(nameof(ContentAreaFact.Performance))!] = ("a content-area performance", [.. EnumNames<ContentAreaPerformance>.All]),
            [typeof(MentorFact).GetProperty(nameof(MentorFact.Role))!] = ("a mentor role", [.. EnumNames<MentorRole>.All]),
        };
    }

    /// <exception cref="ExpressionCompileException">The expression compares such a fact with text it never holds.</exception>
    public void Check(Expression expression) => Visit(expression);

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual)
        {
            Compare(node.Left, node.Right);
            Compare(node.Right, node.Left);
        }

        return base.VisitBinary(node);
    }

    private void Compare(Expression fact, Expression text)
    {
        if (Strip(fact) is MemberExpression { Member: var member } && _sets.TryGetValue(member, out var set)
            && Strip(text) is ConstantExpression { Value: string value } && !set.Values.Contains(value, StringComparer.Ordinal))
        {
            throw new ExpressionCompileException(
                $"\"{value}\" is not {set.What}, so this comparison would never hold{SuppressionResolver.Suggest(value, set.Values)}; the values are: {string.Join(", ", set.Values)}");
        }
    }

    private static Expression Strip(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            expression = convert.Operand;
        }

        return expression;
    }
}
