using System.Text;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

// #include and #include_next, with cycle and depth checks.
internal sealed partial class Preprocessor
{
    private void Include(SourceFile file, Token directive, List<Token> line)
    {
        var operand = line.Skip(1).ToList();
        if (operand.Count > 0 && operand[0].Kind != TokenKind.StringLiteral && !operand[0].Is("<"))
            operand = expander.Expand(operand);
        if (!TryHeaderName(operand, out var name, out var quoted))
        {
            diagnostics.Error(DiagnosticIds.Include, $"expected \"FILENAME\" or <FILENAME> after #{directive.Text}", (line.Count > 1 ? line[1] : directive).Location);
            return;
        }
        var target = resolver.Resolve(name, quoted, file, directive.Text == "include_next");
        if (target is null)
        {
            diagnostics.Error(DiagnosticIds.Include, MissingHeader.Message(name, resolver.Directories, request.Arch.Name), (line.Count > 1 ? line[1] : directive).Location);
            return;
        }
        if (onceOnly.Contains(target))
            return;
        // A guarded header may include itself once harmlessly; a second nesting means the guard is missing.
        if (includeStack.Count(f => f == target) >= 2)
        {
            var chain = string.Join(" -> ", includeStack.SkipWhile(f => f != target).Select(f => f.Path).Concat(new[] { target.Path }));
            diagnostics.Error(DiagnosticIds.Include, $"include cycle: {chain}", (line.Count > 1 ? line[1] : directive).Location);
            return;
        }
        if (includeStack.Count >= MaxIncludeDepth)
        {
            diagnostics.Error(DiagnosticIds.Include, $"#include nested more than {MaxIncludeDepth} deep", directive.Location);
            return;
        }
        ProcessFile(target);
    }

    private static bool TryHeaderName(List<Token> operand, out string name, out bool quoted)
    {
        name = "";
        quoted = false;
        if (operand.Count == 1 && operand[0].Kind == TokenKind.StringLiteral && operand[0].Text.Length >= 2 && operand[0].Text[0] == '"')
        {
            name = operand[0].Text.Substring(1, operand[0].Text.Length - 2);
            quoted = true;
            return name.Length > 0;
        }
        if (operand.Count < 3 || !operand[0].Is("<") || !operand[operand.Count - 1].Is(">"))
            return false;
        var text = new StringBuilder();
        for (var i = 1; i < operand.Count - 1; i++)
        {
            if (i > 1 && operand[i].HasLeadingSpace)
                text.Append(' ');
            text.Append(operand[i].Text);
        }
        name = text.ToString();
        return name.Length > 0;
    }
}
