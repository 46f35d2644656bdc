using System.Text;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// Macro replacement (C11 6.10.3) by Prosser's hide-set algorithm: a token is not replaced by a macro
/// whose expansion produced it, which makes recursive macros stop exactly where a C compiler stops.
/// </summary>
internal sealed class MacroExpander
{
    // A broken header can define macros whose expansion grows exponentially; stop long before memory does.
    private const int TokenBudget = 2_000_000;

    private readonly IReadOnlyDictionary<string, MacroDefinition> macros;
    private readonly DiagnosticBag diagnostics;
    private const int MaxNesting = 200;
    private int budget;
    private int nesting;
    private bool reporting = true;
    // Lists that lived only inside one expansion step (the pending stack, a replacement, arguments), reused:
    // expanding kvm.h's constants makes tens of thousands of them.
    private readonly Stack<List<Token>> spare = new();

    public MacroExpander(IReadOnlyDictionary<string, MacroDefinition> macros, DiagnosticBag diagnostics)
    {
        this.macros = macros;
        this.diagnostics = diagnostics;
    }

    /// <summary>When set, receives the name of every macro replaced (ioctl detection looks for <c>_IOC</c>).</summary>
    public HashSet<string>? Invoked { get; set; }

    /// <summary>Set when the last expansion ran out of budget or met a bad invocation.</summary>
    public string? Failure { get; private set; }

    public List<Token> Expand(IReadOnlyList<Token> input)
    {
        budget = TokenBudget;
        Failure = null;
        return ExpandList(input);
    }

    /// <summary>
    /// Expands without reporting: for the macros as they stand at the end of the unit, which the header defines but
    /// need not use. A problem in one that nothing uses is no problem of the header (clang reports only at a use), so
    /// it becomes <paramref name="failure"/> (the macro's reason for not being a constant) instead of a diagnostic.
    /// </summary>
    public List<Token> ExpandQuietly(IReadOnlyList<Token> input, out string? failure)
    {
        reporting = false;
        try
        {
            var expanded = Expand(input);
            failure = Failure;
            return expanded;
        }
        finally
        {
            reporting = true;
        }
    }

    private List<Token> ExpandList(IReadOnlyList<Token> input)
    {
        // Arguments are expanded by recursion; F(F(F(...))) must not exhaust the stack.
        if (++nesting > MaxNesting)
        {
            nesting--;
            if (input.Count > 0)
                Fail(input[0], $"macro arguments nested more than {MaxNesting} deep");
            return new List<Token>(input);
        }
        try
        {
            return ExpandNested(input);
        }
        finally
        {
            nesting--;
        }
    }

    private List<Token> ExpandNested(IReadOnlyList<Token> input)
    {
        var pending = Rent();
        for (var i = input.Count - 1; i >= 0; i--)
            pending.Add(input[i]);
        var output = new List<Token>(input.Count);
        try
        {
            Rescan(pending, output);
            return output;
        }
        finally
        {
            Return(pending);
        }
    }

    // C11 6.10.3.4: the replacement goes back in front of the rest and is scanned again.
    private void Rescan(List<Token> pending, List<Token> output)
    {
        while (pending.Count > 0)
        {
            var token = Pop(pending);
            if (token.Kind != TokenKind.Identifier || token.HideSet.Contains(token.Text)
                || !macros.TryGetValue(token.Text, out var macro))
            {
                output.Add(token);
                continue;
            }
            if (budget <= 0)
            {
                Fail(token, $"expansion of macro '{token.Text}' does not end (more than {TokenBudget} tokens)");
                output.Add(token);
                output.AddRange(Enumerable.Reverse(pending));
                pending.Clear();
                return;
            }
            List<Token> replacement;
            if (!macro.IsFunctionLike)
            {
                replacement = Substitute(macro, null, token.HideSet.Add(macro.Name), token);
            }
            else
            {
                if (pending.Count == 0 || !pending[pending.Count - 1].Is("("))
                {
                    output.Add(token);
                    continue;
                }
                var arguments = CollectArguments(macro, token, pending, out var closing);
                if (arguments is null)
                {
                    output.Add(token);
                    continue;
                }
                replacement = Substitute(macro, arguments, token.HideSet.Intersect(closing!.HideSet).Add(macro.Name), token);
                foreach (var argument in arguments)
                    Return(argument);
            }
            Invoked?.Add(macro.Name);
            budget -= replacement.Count + 1;
            for (var i = replacement.Count - 1; i >= 0; i--)
                pending.Add(replacement[i]);
            Return(replacement);
        }
    }

    private List<Token> Rent() => spare.Count > 0 ? spare.Pop() : new List<Token>();

    private void Return(List<Token> list)
    {
        // A list grown by a runaway expansion is let go rather than kept for the rest of the read.
        if (list.Capacity > 4096)
            return;
        list.Clear();
        spare.Push(list);
    }

    private List<List<Token>>? CollectArguments(MacroDefinition macro, Token name, List<Token> pending, out Token? closing)
    {
        closing = null;
        Pop(pending);
        var parameterCount = macro.Parameters!.Count;
        var arguments = new List<List<Token>> { Rent() };
        var depth = 1;
        while (pending.Count > 0)
        {
            var token = Pop(pending);
            if (token.Is("("))
            {
                depth++;
            }
            else if (token.Is(")") && --depth == 0)
            {
                closing = token;
                break;
            }
            else if (token.Is(",") && depth == 1 && !(macro.IsVariadic && arguments.Count == parameterCount))
            {
                arguments.Add(Rent());
                continue;
            }
            arguments[arguments.Count - 1].Add(token);
        }
        if (closing is null)
        {
            Fail(name, $"unterminated argument list invoking macro '{macro.Name}': expected ')'");
            return null;
        }
        if (parameterCount == 0 && arguments.Count == 1 && arguments[0].Count == 0)
            return new List<List<Token>>();
        if (macro.IsVariadic && arguments.Count == parameterCount - 1)
            arguments.Add(new List<Token>());
        if (arguments.Count != parameterCount)
        {
            Fail(name, $"macro '{macro.Name}' takes {parameterCount} argument{(parameterCount == 1 ? "" : "s")}, but {arguments.Count} were given");
            return null;
        }
        return arguments;
    }

    private List<Token> Substitute(MacroDefinition macro, List<List<Token>>? arguments, HideSet hideSet, Token origin)
    {
        var body = macro.Body;
        var result = Rent();
        var expanded = arguments is null ? null : new List<Token>?[arguments.Count];
        var placemarker = false;
        for (var i = 0; i < body.Count; i++)
        {
            var token = body[i];
            var parameter = arguments is null ? -1 : macro.ParameterIndex(token.Text);
            if (arguments is not null && token.Is("#") && i + 1 < body.Count && macro.ParameterIndex(body[i + 1].Text) is var p and >= 0)
            {
                result.Add(Stringize(arguments[p], token));
                placemarker = false;
                i++;
                continue;
            }
            if (token.Is("##") && i > 0 && i + 1 < body.Count)
            {
                var next = body[++i];
                var right = arguments is not null && macro.ParameterIndex(next.Text) is var q and >= 0 ? arguments[q] : new List<Token> { next };
                if (right.Count == 0)
                {
                    // GNU: ", ## __VA_ARGS__" drops the comma when there are no variable arguments.
                    if (macro.IsVariadic && result.Count > 0 && result[result.Count - 1].Is(",") && next.Text == macro.Parameters![macro.Parameters.Count - 1])
                        result.RemoveAt(result.Count - 1);
                    continue;
                }
                if (placemarker || result.Count == 0)
                {
                    result.AddRange(right);
                }
                else
                {
                    var left = result[result.Count - 1];
                    var pasted = Lexer.LexSingle(left.Text + right[0].Text, left);
                    if (pasted is null)
                    {
                        if (reporting)
                            diagnostics.Error(DiagnosticIds.MacroExpansion,
                            $"pasting '{left.Text}' and '{right[0].Text}' does not give a valid preprocessing token", origin.Location);
                        result.AddRange(right);
                    }
                    else
                    {
                        result[result.Count - 1] = pasted;
                        result.AddRange(right.Skip(1));
                    }
                }
                placemarker = false;
                continue;
            }
            if (parameter >= 0)
            {
                var pastedNext = i + 1 < body.Count && body[i + 1].Is("##");
                var replacement = pastedNext ? arguments![parameter] : expanded![parameter] ??= ExpandList(arguments![parameter]);
                placemarker = replacement.Count == 0;
                for (var k = 0; k < replacement.Count; k++)
                    result.Add(k == 0 ? replacement[k].With(replacement[k].HideSet, token.HasLeadingSpace) : replacement[k]);
                continue;
            }
            placemarker = false;
            result.Add(token);
        }
        var expandedFrom = origin.Location;
        for (var i = 0; i < result.Count; i++)
            result[i] = result[i].With(result[i].HideSet.Union(hideSet), i == 0 ? origin.HasLeadingSpace : null, expandedFrom);
        return result;
    }

    private static Token Stringize(List<Token> argument, Token hash)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < argument.Count; i++)
        {
            if (i > 0 && argument[i].HasLeadingSpace)
                text.Append(' ');
            var spelling = argument[i].Text;
            if (argument[i].Kind is TokenKind.StringLiteral or TokenKind.CharLiteral)
                spelling = spelling.Replace("\\", "\\\\").Replace("\"", "\\\"");
            text.Append(spelling);
        }
        text.Append('"');
        return hash.WithText(TokenKind.StringLiteral, text.ToString());
    }

    private void Fail(Token at, string message)
    {
        Failure ??= message;
        if (reporting)
            diagnostics.Error(DiagnosticIds.MacroExpansion, message, at.Location);
    }

    private static Token Pop(List<Token> pending)
    {
        var token = pending[pending.Count - 1];
        pending.RemoveAt(pending.Count - 1);
        return token;
    }
}
