using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Lexing;

namespace KvmSharp.Generator.Preprocessing;

// #if and #elif: 'defined' before expansion, then the expression in intmax_t arithmetic.
internal sealed partial class Preprocessor
{
    private bool EvaluateCondition(Token directive, List<Token> line)
    {
        if (line.Count < 2)
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"#{directive.Text} needs an expression", directive.Location);
            return false;
        }
        var replaced = ReplaceDefined(line, 1);
        if (replaced is null)
            return false;
        var expanded = ReplaceDefined(expander.Expand(replaced), 0);
        if (expanded is null)
            return false;
        var end = new Token(TokenKind.EndOfFile, "", directive.File, directive.Line, line[line.Count - 1].Column + line[line.Count - 1].Text.Length, true, false);
        var cursor = new TokenCursor(expanded, end);
        var result = conditionEvaluator.Evaluate(cursor);
        if (!result.Succeeded)
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"invalid #{directive.Text} expression: {result.Error}", (result.ErrorAt ?? directive).Location);
            return false;
        }
        if (!cursor.AtEnd)
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"expected the end of the #{directive.Text} expression, found '{cursor.Current.Text}'", cursor.Current.Location);
            return false;
        }
        return !result.Value.IsZero;
    }

    /// <summary>Replaces <c>defined X</c> and <c>defined(X)</c> with 1 or 0; null after a diagnostic.</summary>
    private List<Token>? ReplaceDefined(List<Token> tokens, int from)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = from; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Identifier || token.Text != "defined")
            {
                result.Add(token);
                continue;
            }
            var parenthesized = i + 1 < tokens.Count && tokens[i + 1].Is("(");
            var nameIndex = parenthesized ? i + 2 : i + 1;
            if (nameIndex >= tokens.Count || tokens[nameIndex].Kind != TokenKind.Identifier)
            {
                diagnostics.Error(DiagnosticIds.ConditionalExpression, "expected a macro name after 'defined'", (nameIndex < tokens.Count ? tokens[nameIndex] : token).Location);
                return null;
            }
            if (parenthesized && (nameIndex + 1 >= tokens.Count || !tokens[nameIndex + 1].Is(")")))
            {
                diagnostics.Error(DiagnosticIds.ConditionalExpression, "expected ')' after 'defined(NAME'", tokens[nameIndex].Location);
                return null;
            }
            result.Add(token.WithText(TokenKind.Number, macros.ContainsKey(tokens[nameIndex].Text) ? "1" : "0"));
            i = parenthesized ? nameIndex + 1 : nameIndex;
        }
        return result;
    }
}
