using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using FastExpressionCompiler;
using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Loading;

/// <summary>
/// Turns parsed, checked expression trees into delegates: FastExpressionCompiler where it is right, the runtime's
/// own compiler where it is known not to be, and a delegate that heals itself if FastExpressionCompiler's IL turns
/// out invalid on its first call. Template placeholders become typed writers.
/// </summary>
internal static class DelegateCompiler
{
    [ThreadStatic]
    private static bool t_recording;

    /// <summary>
    /// Until disposed, the delegates compiled on this thread carry the expression tree they were compiled from
    /// (<see cref="RecordedLambda"/>), for <c>compile</c> to write as C#. They still run, compiled by the runtime.
    /// </summary>
    public static IDisposable Recording()
    {
        var previous = t_recording;
        t_recording = true;
        return new RecordingScope(previous);
    }

    /// <summary>The expression tree a delegate compiled under <see cref="Recording"/> came from; null for any other.</summary>
    public static LambdaExpression? RecordedLambda(Delegate compiled) => (compiled.Target as IRecorded)?.Lambda;

    private sealed class RecordingScope(bool previous) : IDisposable
    {
        public void Dispose() => t_recording = previous;
    }

    private interface IRecorded
    {
        LambdaExpression Lambda { get; }
    }

    /// <summary>A compiled expression that keeps its tree; compiled by the runtime's compiler on first use.</summary>
    private sealed class RecordedFunc<TResult>(Expression<RuleFunc<TResult>> lambda) : IRecorded
    {
        private readonly Lazy<RuleFunc<TResult>> _compiled = new(lambda.Compile);

        public LambdaExpression Lambda => lambda;

        public TResult Invoke(RetakeProfile profile, AdviceFacts facts, object? item) => _compiled.Value(profile, facts, item);
    }

    /// <summary><see cref="RecordedFunc{TResult}"/> for a <see cref="TemplateWriter"/>.</summary>
    private sealed class RecordedWriter(Expression<TemplateWriter> lambda) : IRecorded
    {
        private readonly Lazy<TemplateWriter> _compiled = new(lambda.Compile);

        public LambdaExpression Lambda => lambda;

        public void Invoke(RetakeProfile profile, AdviceFacts facts, object? item, StringBuilder text) => _compiled.Value(profile, facts, item, text);
    }

    public static RuleFunc<TResult> Compile<TResult>(Expression body)
    {
        body = FuelInjector.Inject(ConcatFlattener.Flatten(body));
        if (body.Type != typeof(TResult))
        {
            body = Expression.Convert(body, typeof(TResult));
        }

        var lambda = Expression.Lambda<RuleFunc<TResult>>(body, ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem);
        if (t_recording)
        {
            return new RecordedFunc<TResult>(lambda).Invoke;
        }

        return FastCompilerMiscompiles.Check(lambda) ? lambda.Compile() : CompileHealing(lambda);
    }

    /// <summary>
    /// FastExpressionCompiler where the process can run code it makes; where it cannot (a host published Native AOT,
    /// where FastExpressionCompiler throws), the runtime's compiler, which there interprets the tree (generic LINQ the
    /// executable has no code for can still fail there; the tool's own native build never parses, see the CLI's
    /// NativeHandoff). FastExpressionCompiler also throws for a few trees it cannot compile at all (a decimal constant
    /// in a nested lambda, <c>facts.Topics.Sum(t => t.Incorrect * 1.0m)</c>: a <see cref="NullReferenceException"/>
    /// inside it): those go to the runtime's compiler too, instead of ending the load with its stack trace. The same
    /// tree either way, so the same results; a rule set served precompiled makes no delegate at all.
    /// </summary>
    internal static TDelegate Fast<TDelegate>(Expression<TDelegate> lambda)
        where TDelegate : Delegate
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return lambda.Compile(preferInterpretation: true);
        }

        try
        {
            return lambda.CompileFast();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return lambda.Compile();
        }
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
        private RuleFunc<TResult> _compiled = Fast(lambda);
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
    /// Compiles a template placeholder into a writer that appends its value to a text through the
    /// <see cref="Template"/> writer for its type (or the general one, boxed, for other types).
    /// </summary>
    public static TemplateWriter CompileWriter(Expression body)
    {
        var text = Expression.Parameter(typeof(StringBuilder), "text");
        var lambda = Expression.Lambda<TemplateWriter>(Writing(FuelInjector.Inject(ConcatFlattener.Flatten(body)), text), ExpressionScope.Profile, ExpressionScope.Facts, ExpressionScope.BoxedItem, text);
        if (t_recording)
        {
            return new RecordedWriter(lambda).Invoke;
        }

        return FastCompilerMiscompiles.Check(lambda) ? lambda.Compile() : new HealingWriter(lambda).Invoke;
    }

    /// <summary>
    /// A placeholder's writer for load time (<see cref="TemplateChoices"/>): the same statements as
    /// <see cref="CompileWriter"/>, over a body that reads no input but <paramref name="argument"/>. Runs under a
    /// <c>Fuel</c> scope.
    /// </summary>
    public static Action<StringBuilder, TArgument> CompileLoadTimeWriter<TArgument>(Expression body, ParameterExpression argument)
    {
        var text = Expression.Parameter(typeof(StringBuilder), "text");
        return Fast(Expression.Lambda<Action<StringBuilder, TArgument>>(Writing(FuelInjector.Inject(ConcatFlattener.Flatten(body)), text), text, argument));
    }

    /// <summary>
    /// The statement that writes a placeholder's value. Text built in the expression itself is written piece by
    /// piece instead of concatenated first: a string <c>a + b</c> (<see cref="string.Concat(object, object)"/> and
    /// its overloads) writes each operand as <c>Concat</c> would convert it, and a conditional of type text
    /// writes the branch it takes. The text is the same; the intermediate strings and boxes are not made.
    /// </summary>
    private static Expression Writing(Expression value, ParameterExpression text)
    {
        // The length check on a text the expression would build: written piece by piece, it is never built (the
        // rendered text is capped as a whole).
        while (value is MethodCallExpression { Arguments: [var checkedText] } check && check.Method == FuelInjector.TextCheck)
        {
            value = checkedText;
        }

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

        // A list of texts its items make (facts.Topics.Select(t => t.Name + " (" + t.Seen + ")")): each item's text
        // is written in place, joined as any list is, instead of built as a string first.
        if (value is MethodCallExpression { Object: null, Method: { Name: nameof(Enumerable.Select), IsGenericMethod: true } select, Arguments: [var source, LambdaExpression { Parameters: [var element] } selector] }
            && select.DeclaringType == typeof(Enumerable)
            && selector.ReturnType == typeof(string))
        {
            var itemText = Expression.Parameter(typeof(StringBuilder), "text");
            var write = Expression.Lambda(typeof(Action<,>).MakeGenericType(typeof(StringBuilder), element.Type), BodyWriting(selector.Body, itemText), itemText, element);
            return Expression.Call(WriteEachMethod.MakeGenericMethod(element.Type), text, source, write);
        }

        return WriteCall(nameof(RuleRuntime.Write), value, text);
    }

    private static readonly MethodInfo WriteEachMethod = typeof(RuleRuntime).GetMethod(nameof(RuleRuntime.WriteEach))!;

    /// <summary>A lambda's body written: its statements (the budget's burn), then its value.</summary>
    private static Expression BodyWriting(Expression body, ParameterExpression text) =>
        body is BlockExpression { Variables.Count: 0 } block
            ? Expression.Block(typeof(void), [.. block.Expressions.Take(block.Expressions.Count - 1), Writing(block.Result, text)])
            : Writing(body, text);

    /// <summary>One operand of <c>string.Concat</c>: text as it is, anything else as its <c>ToString()</c> (empty for null).</summary>
    private static Expression ConcatWriting(Expression operand, ParameterExpression text)
    {
        if (operand is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var inner } && operand.Type == typeof(object) && inner.Type.IsValueType)
        {
            operand = inner;
        }

        return operand.Type == typeof(string) ? Writing(operand, text) : WriteCall(nameof(RuleRuntime.WriteConverted), operand, text);
    }

    private static Expression WriteCall(string name, Expression value, ParameterExpression text)
    {
        // The writer for exactly this type, else the general one for any value, boxed.
        var write = typeof(RuleRuntime).GetMethod(name, BindingFlags.Static | BindingFlags.Public, [typeof(StringBuilder), value.Type]);
        if (write is null || write.GetParameters()[1].ParameterType != value.Type)
        {
            write = typeof(RuleRuntime).GetMethod(name, BindingFlags.Static | BindingFlags.Public, [typeof(StringBuilder), typeof(object)])!;
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

        // string.Concat(new[] { … }): a flattened chain (ConcatFlattener), or written so.
        if (value is MethodCallExpression { Object: null, Arguments: [NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array] } arrayCall
            && arrayCall.Method.DeclaringType == typeof(string)
            && arrayCall.Method.Name == nameof(string.Concat)
            && (array.Type == typeof(string[]) || array.Type == typeof(object[])))
        {
            operands = array.Expressions;
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
        private TemplateWriter _compiled = Fast(lambda);
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

}
