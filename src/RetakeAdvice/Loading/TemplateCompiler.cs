using System.Text;
using RetakeAdvice.Evaluation;

namespace RetakeAdvice.Loading;

/// <summary>Splits a template into literals and placeholders and compiles each placeholder once.</summary>
internal static class TemplateCompiler
{
    /// <exception cref="ExpressionCompileException">A brace is unbalanced or a placeholder does not compile.</exception>
    public static Template Compile(ExpressionCompiler compiler, string text, ExpressionScope scope)
    {
        var literals = new List<string>();
        var values = new List<RuleFunc<object?>>();
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
                try
                {
                    values.Add(compiler.Compile<object?>(expression, scope));
                }
                catch (ExpressionCompileException ex)
                {
                    throw new ExpressionCompileException($"placeholder {{{expression}}}: {ex.Message}", i + 1 + (ex.Position ?? 0));
                }

                literals.Add(literal.ToString());
                literal.Clear();
                i = end + 1;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        literals.Add(literal.ToString());
        return new Template([.. literals], [.. values]);
    }

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
