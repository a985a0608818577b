using System.Linq.Expressions;

namespace RetakeAdvice.Loading;

/// <summary>
/// Bounds an expression after its parameters are substituted. A parameter is inlined wherever it is named, so
/// <c>p1 = p0 + p0</c>, <c>p2 = p1 + p1</c>, … doubles with every step (65,536 copies of <c>p0</c> after 16), and a
/// chain of <c>!</c> split across parameters nests deeper than any one expression's 2,000 characters allow: either
/// would overflow the stack when compiled or run. Size and depth are measured on the tree as it will run (shared
/// subtrees counted each time they appear) without walking it: each distinct node is visited once, with an explicit
/// stack, so the measuring itself cannot recurse too deep.
/// </summary>
internal static class ExpressionSize
{
    /// <summary>The most nodes an expression may expand to: the default rules' largest has a few hundred.</summary>
    public const int MaxNodes = 20_000;

    /// <summary>The deepest an expression may nest: the default rules' deepest is a few dozen.</summary>
    public const int MaxDepth = 200;

    /// <exception cref="ExpressionCompileException">The expression expands past a limit.</exception>
    public static void Check(Expression body)
    {
        var (nodes, depth) = Measure(body);
        if (nodes > MaxNodes)
        {
            throw new ExpressionCompileException(
                $"the expression expands to {(nodes > int.MaxValue ? "over 2 billion" : nodes.ToString(System.Globalization.CultureInfo.InvariantCulture))} nodes once its parameters are put in; at most {MaxNodes} are allowed (a parameter is copied wherever it is named)");
        }

        if (depth > MaxDepth)
        {
            throw new ExpressionCompileException($"the expression nests {depth} levels deep once its parameters are put in; at most {MaxDepth} are allowed");
        }
    }

    /// <summary>The expanded node count (saturating) and depth, each distinct node visited once, iteratively.</summary>
    internal static (long Nodes, int Depth) Measure(Expression root)
    {
        var measured = new Dictionary<Expression, (long Nodes, int Depth)>(ReferenceEqualityComparer.Instance);
        var children = new ChildLister();
        var stack = new Stack<(Expression Node, bool ChildrenDone)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, childrenDone) = stack.Pop();
            if (measured.ContainsKey(node))
            {
                continue;
            }

            var list = children.Of(node);
            if (!childrenDone)
            {
                stack.Push((node, true));
                foreach (var child in list)
                {
                    if (!measured.ContainsKey(child))
                    {
                        stack.Push((child, false));
                    }
                }

                continue;
            }

            long nodes = 1;
            var depth = 0;
            foreach (var child in list)
            {
                var (childNodes, childDepth) = measured[child];
                nodes = Math.Min(nodes + childNodes, long.MaxValue / 2);
                depth = Math.Max(depth, childDepth);
            }

            measured[node] = (nodes, depth + 1);
        }

        return measured[root];
    }

    /// <summary>The direct children of a node, found by letting the visitor dispatch one level and stopping there.</summary>
    private sealed class ChildLister : ExpressionVisitor
    {
        private List<Expression> _found = [];
        private Expression? _parent;

        public List<Expression> Of(Expression node)
        {
            _found = [];
            _parent = node;
            base.Visit(node);
            return _found;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            if (ReferenceEquals(node, _parent))
            {
                _parent = null; // the node itself: dispatch to its Visit… method, which visits the children
                return base.Visit(node);
            }

            _found.Add(node);
            return node;
        }
    }
}
