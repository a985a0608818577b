using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Evaluation;

public sealed class CompilerRegressionTests
{
    // FastExpressionCompiler 5.0.2 emits invalid IL for a conditional over a nullable inside string
    // concatenation; the delegate threw InvalidProgramException on its first call.
    [Theory]
    [InlineData(0, "none")]
    [InlineData(2, "b 5")]
    public void Compile_ConditionalConcatenationOfNullable_RunsCorrectly(int count, string expected)
    {
        var compiler = new ExpressionCompiler();
        var compiled = compiler.Compile<object?>("facts.PracticeExamCount == 0 ? \"none\" : \"b \" + facts.DaysUntilExam", ExpressionScope.Root);
        var facts = new AdviceFacts { PracticeExamCount = count, DaysUntilExam = 5 };

        var value = compiled(new RetakeProfile(), facts, null);

        Assert.Equal(expected, value);
    }

    [Fact]
    public void Compile_ConstantParameter_IsFoldedAtLoad()
    {
        var compiler = new ExpressionCompiler();

        var folded = ExpressionCompiler.FoldIfConstant(compiler.Parse("6 * 7", ExpressionScope.Root, null));
        var reads = ExpressionCompiler.FoldIfConstant(compiler.Parse("facts.DaysUntilExam", ExpressionScope.Root, null));

        Assert.Equal(System.Linq.Expressions.ExpressionType.Constant, folded.NodeType);
        Assert.Equal(42, ((System.Linq.Expressions.ConstantExpression)folded).Value);
        Assert.NotEqual(System.Linq.Expressions.ExpressionType.Constant, reads.NodeType);
    }
}
