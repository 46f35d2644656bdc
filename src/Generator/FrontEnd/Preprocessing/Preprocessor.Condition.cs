using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

// #if and #elif: 'defined', '__has_include' and the feature checks before expansion, then the expression in intmax_t arithmetic.
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

    // clang's operators that #ifdef and defined() see as macros.
    private static bool IsBuiltInOperator(string name) => IsHasInclude(name) || FeatureCheckOperators.BySpelling.ContainsKey(name);

    private static bool IsHasInclude(string name) => name is "__has_include" or "__has_include_next";

    /// <summary>
    /// Replaces <c>defined X</c>, <c>defined(X)</c> and <c>__has_include(&lt;h&gt;)</c> (<c>__has_include_next</c>)
    /// with 1 or 0, and each feature check (<c>__has_feature(X)</c>, ...) with clang's answer; null after a diagnostic.
    /// </summary>
    private List<Token>? ReplaceDefined(List<Token> tokens, int from)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = from; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Identifier && FeatureCheckOperators.BySpelling.TryGetValue(token.Text, out var check))
            {
                if (AnswerFeatureCheck(check, tokens, ref i) is not { } answer)
                    return null;
                result.Add(token.WithText(TokenKind.Number, answer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }
            if (token.Kind == TokenKind.Identifier && IsHasInclude(token.Text))
            {
                if (HasInclude(tokens, ref i) is not { } found)
                    return null;
                result.Add(token.WithText(TokenKind.Number, found ? "1" : "0"));
                continue;
            }
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
            var name = tokens[nameIndex].Text;
            result.Add(token.WithText(TokenKind.Number, macros.ContainsKey(name) || IsBuiltInOperator(name) ? "1" : "0"));
            i = parenthesized ? nameIndex + 1 : nameIndex;
        }
        return result;
    }

    // __has_include(<h>) at tokens[i]: whether #include <h> here would find a file, searched as #include searches.
    private bool? HasInclude(List<Token> tokens, ref int i)
    {
        var keyword = tokens[i];
        var close = i + 1 < tokens.Count && tokens[i + 1].Is("(") ? MatchingParenthesis(tokens, i + 1) : -1;
        if (close < 0)
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"expected '(' and ')' around the header name after '{keyword.Text}'", keyword.Location);
            return null;
        }
        var operand = tokens.GetRange(i + 2, close - i - 2);
        if (operand.Count > 0 && operand[0].Kind != TokenKind.StringLiteral && !operand[0].Is("<"))
            operand = expander.Expand(operand);
        if (!TryHeaderName(operand, out var name, out var quoted))
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"expected \"FILENAME\" or <FILENAME> in '{keyword.Text}'", keyword.Location);
            return null;
        }
        i = close;
        return resolver.Resolve(name, quoted, keyword.File, keyword.Text == "__has_include_next") is not null;
    }

    // __has_feature(NAME) and the other feature checks at tokens[i]: clang's answer for the target, or null after a
    // diagnostic. The operand is one identifier (a keyword such as 'int' lexes as one too), expanded first only
    // where clang expands it.
    private long? AnswerFeatureCheck(FeatureCheck check, List<Token> tokens, ref int i)
    {
        var keyword = tokens[i];
        var close = i + 1 < tokens.Count && tokens[i + 1].Is("(") ? MatchingParenthesis(tokens, i + 1) : -1;
        if (close < 0)
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"expected '(' and ')' around the name after '{keyword.Text}'", keyword.Location);
            return null;
        }
        var operand = tokens.GetRange(i + 2, close - i - 2);
        if (FeatureCheckOperators.ExpandsOperand(check))
            operand = expander.Expand(operand);
        if (operand.Count != 1 || operand[0].Kind != TokenKind.Identifier)
        {
            diagnostics.Error(DiagnosticIds.ConditionalExpression, $"expected one identifier in '{keyword.Text}(...)'", (operand.Count > 0 ? operand[0] : keyword).Location);
            return null;
        }
        i = close;
        return FeatureCheckTable.BuiltIn.Answer(check, request.Arch, operand[0].Text);
    }

    // The ')' that closes the '(' at tokens[open], past nested pairs: __has_attribute(NAME_OF(packed)) is one operand,
    // as __has_include(HEADER_OF(x)) is.
    private static int MatchingParenthesis(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Is("("))
                depth++;
            else if (tokens[i].Is(")") && --depth == 0)
                return i;
        }
        return -1;
    }
}
