using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

// #define: the macro's name, parameter list and replacement list, checked as C11 6.10.3 requires.
internal sealed partial class Preprocessor
{
    private void Define(List<Token> line, bool builtIn)
    {
        var directive = line[0];
        if (line.Count < 2 || line[1].Kind != TokenKind.Identifier)
        {
            diagnostics.Error(DiagnosticIds.Directive, "expected a macro name (an identifier) after #define", (line.Count < 2 ? directive : line[1]).Location);
            return;
        }
        var name = line[1];
        if (name.Text == "defined")
        {
            diagnostics.Error(DiagnosticIds.Directive, "'defined' cannot be used as a macro name", name.Location);
            return;
        }
        var bodyStart = 2;
        List<string>? parameters = null;
        var variadic = false;
        if (line.Count > 2 && line[2].Is("(") && !line[2].HasLeadingSpace)
        {
            parameters = new List<string>();
            var i = 3;
            while (true)
            {
                if (i >= line.Count)
                {
                    diagnostics.Error(DiagnosticIds.Directive, $"expected ')' to end the parameter list of macro '{name.Text}'", line[line.Count - 1].Location);
                    return;
                }
                var token = line[i];
                if (token.Is(")") && parameters.Count == 0 && !variadic)
                {
                    i++;
                    break;
                }
                if (token.Is("..."))
                {
                    parameters.Add("__VA_ARGS__");
                    variadic = true;
                    i++;
                }
                else if (token.Kind == TokenKind.Identifier && !parameters.Contains(token.Text))
                {
                    parameters.Add(token.Text);
                    i++;
                    if (i < line.Count && line[i].Is("..."))
                    {
                        variadic = true;
                        i++;
                    }
                }
                else
                {
                    diagnostics.Error(DiagnosticIds.Directive, $"expected a parameter name in macro '{name.Text}', found '{token.Text}'", token.Location);
                    return;
                }
                if (i < line.Count && line[i].Is(")"))
                {
                    i++;
                    break;
                }
                if (variadic || i >= line.Count || !line[i].Is(","))
                {
                    var at = i < line.Count ? line[i] : line[line.Count - 1];
                    diagnostics.Error(DiagnosticIds.Directive, $"expected ',' or ')' in the parameter list of macro '{name.Text}'", at.Location);
                    return;
                }
                i++;
            }
            bodyStart = i;
        }
        var body = line.GetRange(bodyStart, line.Count - bodyStart);
        if (body.Count > 0 && (body[0].Is("##") || body[body.Count - 1].Is("##")))
        {
            var at = body[0].Is("##") ? body[0] : body[body.Count - 1];
            diagnostics.Error(DiagnosticIds.Directive, "'##' cannot appear at either end of a macro's replacement list", at.Location);
            return;
        }
        if (parameters is not null)
        {
            for (var k = 0; k < body.Count; k++)
            {
                if (body[k].Is("#") && (k + 1 >= body.Count || !parameters.Contains(body[k + 1].Text)))
                {
                    diagnostics.Error(DiagnosticIds.Directive, "'#' is not followed by a macro parameter", body[k].Location);
                    return;
                }
            }
        }
        var definition = new MacroDefinition(name, parameters, variadic, body, builtIn)
        {
            Indent = name.Line == directive.Line ? name.Column - directive.Column - directive.Text.Length : 1,
        };
        if (macros.TryGetValue(name.Text, out var previous) && !previous.SameAs(definition) && !previous.IsBuiltIn)
            diagnostics.Warning(DiagnosticIds.Directive, $"'{name.Text}' redefined (previous definition at {previous.NameToken.Location})", name.Location);
        macros[name.Text] = definition;
        definitions.Add(definition);
    }
}
