using System.Linq.Expressions;
using System.Text;
using RetakeAdvice.Model;

namespace RetakeAdvice.Loading;

/// <summary>Splits a template into literals and placeholders and compiles each placeholder once.</summary>
internal static class TemplateCompiler
{
    /// <param name="compiler">Parses the placeholders.</param>
    /// <param name="text">The text as written.</param>
    /// <param name="scope">The names its placeholders see.</param>
    /// <param name="markdown">The text is Markdown (a card's <c>detail</c>): profile text is escaped where a placeholder writes it.</param>
    /// <exception cref="ExpressionCompileException">A brace is unbalanced or a placeholder does not compile.</exception>
    public static Template Compile(ExpressionCompiler compiler, string text, ExpressionScope scope, bool markdown = false)
    {
        var literals = new List<string>();
        var placeholders = new List<Expression>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '}')
            {
                throw new ExpressionCompileException($"unmatched '}}' at character {i + 1} of the text (write '}}}}' for a literal brace)");
            }
            else if (c == '{')
            {
                var end = FindClose(text, i);
                var expression = text[(i + 1)..end];
                Expression body;
                try
                {
                    body = compiler.Parse(expression, scope, returnType: null);
                }
                catch (ExpressionCompileException ex)
                {
                    throw new ExpressionCompileException($"placeholder {{{expression}}}: {ex.Message}", i + 1 + (ex.Position ?? 0));
                }

                i = end + 1;
                if (ExpressionCompiler.TryFold(compiler.ManifestFacts?.Substitute(body) ?? body, out var constant))
                {
                    // A placeholder that reads no input ({maxPlannedResources}), or only the manifest's tables
                    // ({facts.CrisisLines.Select(…)}), is text from now on.
                    Template.Append(literal, constant); // loading runs under the invariant culture, as evaluation does
                    continue;
                }

                placeholders.Add(markdown ? MarkdownEscaper.Rewrite(body) : body);
                literals.Add(literal.ToString());
                literal.Clear();
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        literals.Add(literal.ToString());
        if (TemplateChoices.TryBuild(literals, placeholders, compiler.ManifestFacts) is { } chosen)
        {
            return chosen;
        }

        // A template that is one text value ({item.Name}, or a conditional choosing between such values) returns
        // that value as it is, no copy. Not where it would concatenate: written piece by piece it makes one string
        // instead of several (and no boxes).
        if (placeholders is [var only] && literals[0].Length == 0 && literals[1].Length == 0 && only.Type == typeof(string) && IsTextValue(only))
        {
            return new Template(DelegateCompiler.Compile<string?>(only));
        }

        return new Template([.. literals], placeholders.Select(DelegateCompiler.CompileWriter).ToArray());
    }

    /// <summary>A value that is text as it is: not a concatenation, nor a conditional with one in a branch.</summary>
    private static bool IsTextValue(Expression value) =>
        value is ConditionalExpression conditional
            ? IsTextValue(conditional.IfTrue) && IsTextValue(conditional.IfFalse)
            : !DelegateCompiler.IsConcat(value, out _);

    private static int FindClose(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        throw new ExpressionCompileException($"unmatched '{{' at character {open + 1} of the text (write '{{{{' for a literal brace)");
    }
}
