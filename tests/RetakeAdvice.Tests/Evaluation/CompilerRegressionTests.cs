using RetakeAdvice.Loading;
using RetakeAdvice.Precompiled;

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

    // The first calls of a new rule set's delegates come from many requests at once (a reload under load). A
    // delegate with FastExpressionCompiler's invalid IL must heal for all of them: one caller used to drop the
    // expression after healing while another, which had met the invalid IL a moment later, still needed it, and
    // that request failed with "a rule failed" (HTTP 500).
    [Fact]
    public void Compile_InvalidIlMetByManyThreadsAtOnce_HealsForAll()
    {
        var compiler = new ExpressionCompiler();
        var facts = new AdviceFacts { PracticeExamCount = 2, DaysUntilExam = 5 };
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        for (var round = 0; round < 100; round++)
        {
            // Through FastExpressionCompiler on purpose: the loader sends this shape to the runtime's compiler.
            var body = compiler.Parse("facts.PracticeExamCount == 0 ? \"none\" : \"b \" + facts.DaysUntilExam", ExpressionScope.Root, typeof(object));
            var compiled = DelegateCompiler.CompileHealing(System.Linq.Expressions.Expression.Lambda<RuleFunc<object?>>(
                body, ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem));
            using var start = new Barrier(Environment.ProcessorCount * 2);
            var threads = Enumerable.Range(0, start.ParticipantCount).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    if (!Equals(compiled(new RetakeProfile(), facts, null), "b 5"))
                    {
                        failures.Add("wrong value");
                    }
                }
                catch (Exception ex)
                {
                    failures.Add(ex.GetType().Name);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("facts.PracticeExamCount == 0 ? \"x\" : \"\"", true)]
    [InlineData("facts.PracticeExamCount != 0 ? 1 : 2", true)]
    [InlineData("0 == facts.DaysUntilExam ? \"x\" : \"\"", true)]
    [InlineData("facts.PracticeExamCount == 1 ? \"x\" : \"\"", false)]
    [InlineData("facts.SchoolContacted == false ? \"x\" : \"\"", false)]
    [InlineData("facts.PointsBelowPassing == 0 ? \"x\" : \"\"", false)]
    [InlineData("facts.PracticeExamCount == facts.DaysUntilExam ? \"x\" : \"\"", false)]
    [InlineData("facts.FailedAttemptCount == 0 ? \"x\" : \"\"", false)]
    [InlineData("facts.PracticeExamCount > 0 ? \"x\" : \"\"", false)]
    [InlineData("facts.PracticeExamCount == 0", false)]
    public void FastCompilerMiscompiles_RecognisesExactlyTheShapesFastExpressionCompilerGetsWrong(string text, bool expected)
    {
        var compiler = new ExpressionCompiler();
        var body = compiler.Parse(text, ExpressionScope.Root, typeof(object));
        var fast = FastExpressionCompiler.ExpressionCompiler.CompileFast(System.Linq.Expressions.Expression.Lambda<RuleFunc<object?>>(
            body, ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem));
        var facts = new AdviceFacts { PracticeExamCount = 0, DaysUntilExam = 0, SchoolContacted = false, PointsBelowPassing = 0 };
        var fastFails = Record.Exception(() => fast(new RetakeProfile(), facts, null)) is InvalidProgramException;

        Assert.Equal(expected, DelegateCompiler.FastCompilerMiscompiles.Check(body));
        Assert.Equal(expected, fastFails);
    }

    // The recognised shape really is one FastExpressionCompiler gets wrong (else the check would cost the
    // runtime's slower compile for nothing), and the loader's delegate for it gives the right value.
    [Fact]
    public void FastCompilerMiscompiles_TheRecognisedShapeFailsUnderFastExpressionCompilerAndWorksAsLoaded()
    {
        const string Text = "facts.PracticeExamCount == 0 ? \"none\" : \"some\"";
        var compiler = new ExpressionCompiler();
        var lambda = System.Linq.Expressions.Expression.Lambda<RuleFunc<object?>>(
            compiler.Parse(Text, ExpressionScope.Root, typeof(object)), ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem);
        var fast = FastExpressionCompiler.ExpressionCompiler.CompileFast(lambda);
        var loaded = compiler.Compile<object?>(Text, ExpressionScope.Root);

        Assert.Throws<InvalidProgramException>(() => fast(new RetakeProfile(), new AdviceFacts { PracticeExamCount = 0 }, null));
        Assert.Equal("none", loaded(new RetakeProfile(), new AdviceFacts { PracticeExamCount = 0 }, null));
        Assert.Equal("some", loaded(new RetakeProfile(), new AdviceFacts { PracticeExamCount = 3 }, null));
        Assert.Equal("some", loaded(new RetakeProfile(), new AdviceFacts(), null));
    }

    // FastExpressionCompiler 5.0.2 throws a NullReferenceException of its own while compiling a decimal constant in a
    // nested lambda: a rule using one ended `validate`, `advise` and a reload with that stack trace. The runtime's
    // compiler takes such a tree.
    [Fact]
    public void Compile_TreeFastExpressionCompilerThrowsOn_IsCompiledByTheRuntime()
    {
        const string Text = "facts.Topics != null && facts.Topics.Sum(t => t.Incorrect * 1.0m) > 1";
        var compiler = new ExpressionCompiler();
        var lambda = System.Linq.Expressions.Expression.Lambda<RuleFunc<bool>>(
            compiler.Parse(Text, ExpressionScope.Root, typeof(bool)), ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem);
        var topics = (int incorrect) => new AdviceFacts { Topics = [new TopicFact(new TopicResult { Name = "a", Incorrect = incorrect }, 1.0)] };

        Assert.Throws<NullReferenceException>(() => FastExpressionCompiler.ExpressionCompiler.CompileFast(lambda));
        var loaded = compiler.Compile<bool>(Text, ExpressionScope.Root);

        Assert.True(loaded(new RetakeProfile(), topics(2), null));
        Assert.False(loaded(new RetakeProfile(), topics(1), null));
        Assert.False(loaded(new RetakeProfile(), new AdviceFacts(), null));
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
