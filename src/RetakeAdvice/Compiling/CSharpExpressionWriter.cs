using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace RetakeAdvice.Compiling;

/// <summary>
/// Writes a compiled rule expression tree as a C# method that computes exactly what the tree computes. Nothing is
/// left to C#'s own choices: every conversion is an explicit cast, every call names its type, type arguments and
/// parameter types (so overload resolution picks the tree's method), every lambda its delegate type, every operator
/// its operand types; arithmetic is unchecked unless the tree says checked, whatever the host project's setting.
/// Values that are not literals (a folded array, a set) become fields of the generated class, built once, as the
/// tree holds them once. The shapes a rule expression can take are few (the sandbox allows them); any other is
/// refused with <see cref="PrecompileException"/>, never guessed.
/// </summary>
internal sealed class CSharpExpressionWriter
{
    private readonly List<string> _fields;
    private readonly Dictionary<ParameterExpression, string> _names = [];
    private int _lambdas;
    private bool _unfolded;

    /// <param name="fields">The generated class's fields, added to as constants need them.</param>
    public CSharpExpressionWriter(List<string> fields) => _fields = fields;

    /// <summary>
    /// A private method named <paramref name="name"/> with the lambda's parameters and body. An instance method,
    /// though it reads nothing of the instance: a delegate bound to an instance is called directly, one made from a
    /// static method goes through a thunk that shifts its arguments on every call.
    /// </summary>
    public static string Method(string name, LambdaExpression lambda, List<string> fields)
    {
        var writer = new CSharpExpressionWriter(fields);
        var parameters = new List<string>();
        foreach (var parameter in lambda.Parameters)
        {
            var parameterName = parameter.Name is { Length: > 0 } given && IsIdentifier(given) ? given : $"p{parameters.Count}";
            writer._names[parameter] = parameterName;
            parameters.Add($"{CSharpNames.Type(parameter.Type)} {parameterName}");
        }

        var body = new StringBuilder();
        writer.Body(lambda.Body, lambda.ReturnType, body, "        ");
        return $"    private {CSharpNames.Type(lambda.ReturnType)} {name}({string.Join(", ", parameters)})\n    {{\n        unchecked\n        {{\n{body}        }}\n    }}\n";
    }

    // The top-level parameters keep their names (profile, facts, item, text); nested lambdas' are numbered.
    private static bool IsIdentifier(string name) =>
        name.All(char.IsAsciiLetterLower) && name is not ("int" or "object" or "string" or "bool" or "double" or "in" or "is" or "as" or "new" or "this");

    /// <summary>A body as statements: the last expression returned, unless the body gives nothing.</summary>
    private void Body(Expression body, Type returnType, StringBuilder text, string indent)
    {
        indent += "    ";
        if (returnType == typeof(void))
        {
            Statements(body, text, indent);
            return;
        }

        if (body is BlockExpression { Variables.Count: 0 } block)
        {
            foreach (var statement in block.Expressions.Take(block.Expressions.Count - 1))
            {
                Statements(statement, text, indent);
            }

            body = block.Result;
        }

        text.Append(indent).Append("return ").Append(Cast(body, returnType)).Append(";\n");
    }

    private void Statements(Expression expression, StringBuilder text, string indent)
    {
        switch (expression)
        {
            case BlockExpression { Variables.Count: 0 } block:
                foreach (var statement in block.Expressions)
                {
                    Statements(statement, text, indent);
                }

                break;
            case ConditionalExpression conditional when conditional.Type == typeof(void):
                text.Append(indent).Append("if (").Append(Write(conditional.Test)).Append(")\n").Append(indent).Append("{\n");
                Statements(conditional.IfTrue, text, indent + "    ");
                text.Append(indent).Append("}\n").Append(indent).Append("else\n").Append(indent).Append("{\n");
                Statements(conditional.IfFalse, text, indent + "    ");
                text.Append(indent).Append("}\n");
                break;
            case DefaultExpression { Type: var type } when type == typeof(void):
                break;
            case MethodCallExpression or InvocationExpression:
                text.Append(indent).Append(Write(expression)).Append(";\n");
                break;
            default:
                throw Refuse(expression, "as a statement");
        }
    }

    /// <summary>The expression, converted to <paramref name="type"/> when its own type is another.</summary>
    private string Cast(Expression expression, Type type) =>
        expression.Type == type ? Write(expression) : $"(({CSharpNames.Type(type)}){Write(expression)})";

    /// <summary>The expression as a C# expression, parenthesized wherever it could bind otherwise.</summary>
    public string Write(Expression expression)
    {
        if (_unfolded || !FoldsDifferently(expression) || !OperandsAreConstants(expression))
        {
            return WriteNode(expression);
        }

        _unfolded = true;
        try
        {
            return WriteNode(expression);
        }
        finally
        {
            _unfolded = false;
        }
    }

    /// <summary>
    /// An operation that C#, folding it at compile time, would refuse (a division by zero, a checked overflow, a
    /// decimal overflow) or compute otherwise than the runtime (a floating value out of an integer's range).
    /// </summary>
    private static bool FoldsDifferently(Expression expression) => expression switch
    {
        BinaryExpression { NodeType: ExpressionType.AddChecked or ExpressionType.SubtractChecked or ExpressionType.MultiplyChecked } => true,
        BinaryExpression { NodeType: ExpressionType.Divide or ExpressionType.Modulo } binary => !IsFloating(binary.Type),
        BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply } binary => Underlying(binary.Type) == typeof(decimal),
        UnaryExpression { NodeType: ExpressionType.ConvertChecked or ExpressionType.NegateChecked } => true,
        UnaryExpression { NodeType: ExpressionType.Convert } convert => (IsFloating(convert.Operand.Type) || Underlying(convert.Operand.Type) == typeof(decimal)) && !IsFloating(convert.Type),
        _ => false,
    };

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsFloating(Type type) => Underlying(type) is var t && (t == typeof(double) || t == typeof(float));

    /// <summary>Constants all the way down: what C# evaluates at compile time.</summary>
    private static bool OperandsAreConstants(Expression expression) => expression switch
    {
        ConstantExpression => true,
        UnaryExpression unary => OperandsAreConstants(unary.Operand),
        BinaryExpression binary => OperandsAreConstants(binary.Left) && OperandsAreConstants(binary.Right),
        _ => false,
    };

    private string WriteNode(Expression expression) => expression switch
    {
        ConstantExpression constant => Constant(constant),
        ParameterExpression parameter => _names.TryGetValue(parameter, out var name) ? name : throw Refuse(expression, "(a parameter from outside the expression)"),
        MemberExpression member => Member(member),
        MethodCallExpression call => Call(call),
        BinaryExpression binary => Binary(binary),
        UnaryExpression unary => Unary(unary),
        ConditionalExpression { Type: var type } conditional when type != typeof(void) =>
            $"({Write(conditional.Test)} ? {Cast(conditional.IfTrue, type)} : {Cast(conditional.IfFalse, type)})",
        LambdaExpression lambda => Lambda(lambda),
        NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array =>
            $"new {CSharpNames.Type(array.Type.GetElementType()!)}[] {{ {string.Join(", ", array.Expressions.Select(e => Cast(e, array.Type.GetElementType()!)))} }}",
        NewArrayExpression { NodeType: ExpressionType.NewArrayBounds, Expressions: [var length] } array =>
            $"new {CSharpNames.Type(array.Type.GetElementType()!)}[{Cast(length, typeof(int))}]",
        NewExpression { Constructor: null } create => $"default({CSharpNames.Type(create.Type)})",
        NewExpression { Constructor: { } constructor, Members: null } create => New(constructor, create.Arguments),
        TypeBinaryExpression { NodeType: ExpressionType.TypeIs } test => $"({Write(test.Expression)} is {CSharpNames.Type(test.TypeOperand)})",
        DefaultExpression { Type: var type } when type != typeof(void) => $"default({CSharpNames.Type(type)})",
        IndexExpression { Indexer: { } indexer } index when index.Object is not null =>
            CheckVisible(indexer) + $"{Receiver(index.Object, indexer.DeclaringType!)}[{Arguments(indexer.GetIndexParameters(), index.Arguments)}]",
        InvocationExpression invoke => $"(({CSharpNames.Type(invoke.Expression.Type)}){Write(invoke.Expression)})({Arguments(invoke.Expression.Type.GetMethod("Invoke")!.GetParameters(), invoke.Arguments)})",
        _ => throw Refuse(expression, string.Empty),
    };

    private static string CheckVisible(MemberInfo member)
    {
        CSharpNames.CheckVisible(member);
        return string.Empty;
    }

    private string Constant(ConstantExpression constant)
    {
        if (CSharpNames.Literal(constant.Value, constant.Type) is { } literal)
        {
            if (!_unfolded)
            {
                return literal;
            }

            // An operand of an operation on constants only: C# would fold it at compile time, where 1 / 0 or a
            // checked overflow is a compile error and an out-of-range conversion may differ from the runtime's. A
            // static readonly field is not a C# constant: the operation runs, as it does in the tree.
            var name = $"s_constant{_fields.Count}";
            _fields.Add($"    private static readonly {CSharpNames.Type(constant.Type)} {name} = {literal};");
            return name;
        }

        // A value built once at load (a folded array or set) is built once here too: a field of the class.
        var collection = CSharpNames.Collection(constant.Value!) ?? throw Refuse(constant, $"(a constant {constant.Value!.GetType().Name} that has no C# literal)");
        var field = $"s_constant{_fields.Count}";
        _fields.Add($"    private static readonly {CSharpNames.Type(constant.Value!.GetType())} {field} = {collection};");
        return constant.Value!.GetType() == constant.Type ? field : $"(({CSharpNames.Type(constant.Type)}){field})";
    }

    private string Member(MemberExpression member)
    {
        CSharpNames.CheckVisible(member.Member);
        return member.Expression is null
            ? $"{CSharpNames.Type(member.Member.DeclaringType!)}.{member.Member.Name}"
            : $"{Receiver(member.Expression, member.Member.DeclaringType!)}.{member.Member.Name}";
    }

    /// <summary>An instance receiver, seen as the type that declares the member (an interface's member included).</summary>
    private string Receiver(Expression receiver, Type declaring) =>
        receiver.Type == declaring ? $"({Write(receiver)})" : $"(({CSharpNames.Type(declaring)}){Write(receiver)})";

    private string Call(MethodCallExpression call)
    {
        var method = call.Method;
        CSharpNames.CheckVisible(method);
        var parameters = method.GetParameters();
        if (parameters.Any(p => p.ParameterType.IsByRef))
        {
            throw Refuse(call, "(a call with ref or out arguments)");
        }

        if (method.IsSpecialName && method.DeclaringType!.GetProperties().FirstOrDefault(p => p.GetMethod == method) is { } property)
        {
            var target = call.Object is null ? CSharpNames.Type(method.DeclaringType) : Receiver(call.Object, method.DeclaringType);
            return parameters.Length == 0 ? $"{target}.{property.Name}" : $"{target}[{Arguments(parameters, call.Arguments)}]";
        }

        if (method.IsSpecialName)
        {
            throw Refuse(call, $"(a call of the operator method {method.Name})");
        }

        var generic = method.IsGenericMethod ? $"<{string.Join(", ", method.GetGenericArguments().Select(CSharpNames.Type))}>" : string.Empty;
        var owner = call.Object is null ? CSharpNames.Type(method.DeclaringType!) : Receiver(call.Object, method.DeclaringType!);
        return $"{owner}.{method.Name}{generic}({Arguments(parameters, call.Arguments)})";
    }

    private string New(ConstructorInfo constructor, IReadOnlyList<Expression> arguments)
    {
        CSharpNames.CheckVisible(constructor);
        return $"new {CSharpNames.Type(constructor.DeclaringType!)}({Arguments(constructor.GetParameters(), arguments)})";
    }

    private string Arguments(ParameterInfo[] parameters, IReadOnlyList<Expression> arguments) =>
        string.Join(", ", arguments.Select((argument, i) => Cast(argument, parameters[i].ParameterType)));

    private string Lambda(LambdaExpression lambda)
    {
        var parameters = new List<string>();
        foreach (var parameter in lambda.Parameters)
        {
            var name = $"x{++_lambdas}";
            _names[parameter] = name;
            parameters.Add($"{CSharpNames.Type(parameter.Type)} {name}");
        }

        var body = new StringBuilder();
        var returnType = lambda.ReturnType;
        if (lambda.Body is BlockExpression || returnType == typeof(void))
        {
            Body(lambda.Body, returnType, body, string.Empty);
            return $"(({CSharpNames.Type(lambda.Type)})(({string.Join(", ", parameters)}) => {{ {body.ToString().Replace("\n", " ", StringComparison.Ordinal).Trim()} }}))";
        }

        return $"(({CSharpNames.Type(lambda.Type)})(({string.Join(", ", parameters)}) => {Cast(lambda.Body, returnType)}))";
    }

    private string Binary(BinaryExpression binary)
    {
        var (left, right) = (binary.Left, binary.Right);
        if (binary.Conversion is not null)
        {
            throw Refuse(binary, "(a coalescing with a conversion)");
        }

        if (binary.Method is { } method && !method.Name.StartsWith("op_", StringComparison.Ordinal))
        {
            // string.Concat for +, Math.Pow for ^: the method itself.
            if (binary.IsLifted)
            {
                throw Refuse(binary, $"(a lifted call of {method.Name})");
            }

            CSharpNames.CheckVisible(method);
            return $"{CSharpNames.Type(method.DeclaringType!)}.{method.Name}({Arguments(method.GetParameters(), [left, right])})";
        }

        if (binary.Method is { } op)
        {
            CSharpNames.CheckVisible(op);
        }

        if (binary.IsLiftedToNull && binary.Type == typeof(bool?) && binary.NodeType is not (ExpressionType.And or ExpressionType.Or or ExpressionType.ExclusiveOr))
        {
            throw Refuse(binary, "(a comparison that gives null)");
        }

        var symbol = binary.NodeType switch
        {
            ExpressionType.Add or ExpressionType.AddChecked => "+",
            ExpressionType.Subtract or ExpressionType.SubtractChecked => "-",
            ExpressionType.Multiply or ExpressionType.MultiplyChecked => "*",
            ExpressionType.Divide => "/",
            ExpressionType.Modulo => "%",
            ExpressionType.And => "&",
            ExpressionType.Or => "|",
            ExpressionType.ExclusiveOr => "^",
            ExpressionType.AndAlso => "&&",
            ExpressionType.OrElse => "||",
            ExpressionType.Equal => "==",
            ExpressionType.NotEqual => "!=",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            ExpressionType.Coalesce => "??",
            ExpressionType.LeftShift => "<<",
            ExpressionType.RightShift => ">>",
            ExpressionType.ArrayIndex => null,
            _ => throw Refuse(binary, string.Empty),
        };

        if (symbol is null)
        {
            return $"{Write(left)}[{Cast(right, typeof(int))}]";
        }

        if (binary.NodeType is ExpressionType.Equal or ExpressionType.NotEqual && binary.Method is null && !left.Type.IsValueType && !right.Type.IsValueType)
        {
            // Reference equality, as the tree compares: never an operator C# might find on the operands' types.
            return $"((object){Write(left)} {symbol} (object){Write(right)})";
        }

        var operation = $"({Write(left)} {symbol} {Write(right)})";
        if (binary.NodeType is ExpressionType.AddChecked or ExpressionType.SubtractChecked or ExpressionType.MultiplyChecked)
        {
            operation = $"checked{operation}";
        }

        // C# widens small integers before arithmetic; the tree does not.
        return IsSmallInteger(binary.Type) ? $"(({CSharpNames.Type(binary.Type)}){operation})" : operation;
    }

    private static bool IsSmallInteger(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(byte) || t == typeof(sbyte) || t == typeof(short) || t == typeof(ushort) || t == typeof(char));

    private string Unary(UnaryExpression unary)
    {
        var operand = unary.Operand;
        if (unary.Method is { } method)
        {
            CSharpNames.CheckVisible(method);
        }

        return unary.NodeType switch
        {
            ExpressionType.Convert or ExpressionType.Unbox => operand.Type == unary.Type ? Write(operand) : $"(({CSharpNames.Type(unary.Type)}){Write(operand)})",
            ExpressionType.ConvertChecked => $"checked(({CSharpNames.Type(unary.Type)}){Write(operand)})",
            ExpressionType.TypeAs => $"({Write(operand)} as {CSharpNames.Type(unary.Type)})",
            ExpressionType.Not => (Nullable.GetUnderlyingType(unary.Type) ?? unary.Type) == typeof(bool) ? $"(!{Write(operand)})" : $"(~{Write(operand)})",
            ExpressionType.Negate => $"(-{Write(operand)})",
            ExpressionType.NegateChecked => $"checked(-{Write(operand)})",
            ExpressionType.UnaryPlus => $"(+{Write(operand)})",
            ExpressionType.ArrayLength => $"{Write(operand)}.Length",
            _ => throw Refuse(unary, string.Empty),
        } is var written && IsSmallInteger(unary.Type) && unary.NodeType is ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.Not or ExpressionType.UnaryPlus
            ? $"(({CSharpNames.Type(unary.Type)}){written})"
            : written;
    }

    private static PrecompileException Refuse(Expression expression, string what) =>
        new($"the expression part {expression.NodeType}{(what.Length > 0 ? " " + what : string.Empty)} cannot be written as C#");
}
