using System.Text;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Evaluation;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// Translation phase 4: directives, conditional inclusion, includes and macro replacement, with the
/// target's predefined macros. Text lines between two directives are expanded as one run, so a macro
/// invocation may span lines but every <c>#define</c> takes effect where it stands.
/// </summary>
internal sealed partial class Preprocessor
{
    private const int MaxIncludeDepth = 200;

    private readonly HeaderRequest request;
    private readonly DiagnosticBag diagnostics;
    private readonly IncludeResolver resolver;
    private readonly Dictionary<string, MacroDefinition> macros = new(StringComparer.Ordinal);
    private readonly List<MacroDefinition> definitions = new();
    private readonly List<SourceFile> files = new();
    private readonly Dictionary<SourceFile, TokenList> lexed = new();
    private readonly TokenList output = new();
    private readonly Spellings spellings = new();
    private readonly PackPragmas packs = new();
    private readonly HashSet<SourceFile> onceOnly = new();
    private readonly List<ConditionalRegion> conditionals = new();
    private readonly List<SourceFile> includeStack = new();
    private readonly MacroExpander expander;
    private readonly ConstantExpressionEvaluator conditionEvaluator;

    public Preprocessor(HeaderRequest request, IHeaderFiles headerFiles, DiagnosticBag diagnostics)
    {
        this.request = request;
        this.diagnostics = diagnostics;
        resolver = new IncludeResolver(request.IncludeDirectories, headerFiles);
        expander = new MacroExpander(macros, diagnostics);
        conditionEvaluator = new ConstantExpressionEvaluator(new IntegerArithmetic(request.Arch.CharIsSigned, request.Arch.WCharIsSigned), null, preprocessor: true);
    }

    public PreprocessedUnit Run()
    {
        DefinePredefined(request.Arch);
        // As clang's -include: read before the header, so its macros are defined when the header uses them.
        foreach (var header in request.IncludeFirst)
            ProcessHeader(header);
        var end = ProcessHeader(request.Header);
        // The additional headers continue the unit as #include lines after the main header's text would: its macros and
        // types are in scope, and include guards keep a shared header from being read twice.
        foreach (var header in request.AdditionalHeaders)
            end = ProcessHeader(header);
        output.Add(end);
        var headerMacros = definitions.Where(d => !d.IsBuiltIn && macros.TryGetValue(d.Name, out var live) && live == d).ToList();
        return new PreprocessedUnit(output, macros, headerMacros, files, packs, expander);
    }

    private Token ProcessHeader(string header)
    {
        var file = resolver.Resolve(header, quoted: false, includer: null, next: false);
        if (file is not null)
            return ProcessFile(file);
        var searched = resolver.Directories.Count == 0 ? "no include directory was given" : "searched " + string.Join(", ", resolver.Directories);
        diagnostics.Error(DiagnosticIds.HeaderNotFound, $"'{header}' was not found ({searched})", Model.SourceLocation.BuiltIn);
        return new Token(TokenKind.EndOfFile, "", new SourceFile(header, ""), 1, 1, true, false);
    }

    private void DefinePredefined(TargetArch arch)
    {
        var text = new StringBuilder();
        foreach (var macro in arch.PredefinedMacros)
            text.Append("#define ").Append(macro.Key).Append(' ').Append(macro.Value).Append('\n');
        var builtIn = new SourceFile(Model.SourceLocation.BuiltIn.File, text.ToString());
        var tokens = Lexer.Tokenize(builtIn, diagnostics);
        foreach (var (hash, directive) in Lines(tokens))
            Define(directive, builtIn: true);
    }

    private Token ProcessFile(SourceFile file)
    {
        if (!lexed.TryGetValue(file, out var tokens))
        {
            tokens = Lexer.Tokenize(file, diagnostics, spellings);
            lexed[file] = tokens;
            files.Add(file);
        }
        includeStack.Add(file);
        var openAtStart = conditionals.Count;
        var run = new List<Token>();
        var i = 0;
        while (tokens[i].Kind != TokenKind.EndOfFile)
        {
            var lineEnd = i + 1;
            while (!tokens[lineEnd].AtLineStart)
                lineEnd++;
            if (tokens[i].Is("#") && tokens[i].Kind == TokenKind.Punctuator)
            {
                Flush(run);
                Directive(file, tokens[i], tokens.GetRange(i + 1, lineEnd - i - 1));
            }
            else if (Active)
            {
                for (var k = i; k < lineEnd; k++)
                {
                    if (tokens[k].LexicalError is { } lexical)
                        diagnostics.Error(DiagnosticIds.Lexical, lexical, tokens[k].Location);
                    run.Add(tokens[k]);
                }
            }
            i = lineEnd;
        }
        Flush(run);
        while (conditionals.Count > openAtStart)
        {
            var open = conditionals[conditionals.Count - 1];
            diagnostics.Error(DiagnosticIds.Directive, $"unterminated #{open.Opening.Text}: expected #endif before the end of {file.Path}", open.Opening.Location);
            conditionals.RemoveAt(conditionals.Count - 1);
        }
        includeStack.RemoveAt(includeStack.Count - 1);
        return tokens[i];
    }

    private bool Active => conditionals.Count == 0 || conditionals[conditionals.Count - 1].Active;

    private void Flush(List<Token> run)
    {
        if (run.Count == 0)
            return;
        var expanded = expander.Expand(run);
        for (var i = 0; i < expanded.Count; i++)
        {
            // C11 6.10.9: _Pragma("...") is the #pragma of its destringized operand, where it stands.
            if (expanded[i].Kind == TokenKind.Identifier && expanded[i].Text == "_Pragma" && i + 3 < expanded.Count
                && expanded[i + 1].Is("(") && IsStringLiteral(expanded[i + 2]) && expanded[i + 3].Is(")"))
            {
                PragmaOperator(expanded[i], expanded[i + 2]);
                i += 3;
                continue;
            }
            output.Add(expanded[i]);
        }
        run.Clear();
    }

    // A whole one: an unterminated literal is no _Pragma operand, and its tokens go on to the parser, which reports them.
    private static bool IsStringLiteral(Token token)
        => token.Kind == TokenKind.StringLiteral && token.LexicalError is null && token.Text.IndexOf('"') is var open and >= 0
            && token.Text.Length >= open + 2 && token.Text[token.Text.Length - 1] == '"';

    private void PragmaOperator(Token pragma, Token literal)
    {
        var text = literal.Text;
        var open = text.IndexOf('"');
        var body = text.Substring(open + 1, text.Length - open - 2).Replace("\\\"", "\"").Replace("\\\\", "\\");
        var line = new List<Token> { pragma.WithText(TokenKind.Identifier, "pragma") };
        var lexed = Lexer.Tokenize(new SourceFile(pragma.File.Path, body), new DiagnosticBag());
        // Placed at the _Pragma, so that what the pragma's reader reports points into the header.
        for (var k = 0; k + 1 < lexed.Count; k++)
            line.Add(pragma.WithText(lexed[k].Kind, lexed[k].Text));
        Pragma(pragma.File, line);
    }

    private void Directive(SourceFile file, Token hash, List<Token> line)
    {
        if (line.Count == 0)
            return;
        var name = line[0];
        switch (name.Text)
        {
            case "if":
                OpenConditional(name, () => EvaluateCondition(name, line));
                return;
            case "ifdef":
            case "ifndef":
                OpenConditional(name, () => IsDefined(name, line) == (name.Text == "ifdef"));
                return;
            case "elif":
            case "else":
                Alternative(name, line);
                return;
            case "endif":
                if (conditionals.Count == 0)
                    diagnostics.Error(DiagnosticIds.Directive, "#endif without #if", name.Location);
                else
                    conditionals.RemoveAt(conditionals.Count - 1);
                return;
        }
        if (!Active)
            return;
        switch (name.Text)
        {
            case "define":
                Define(line, builtIn: false);
                break;
            case "undef":
                if (line.Count < 2 || line[1].Kind != TokenKind.Identifier)
                    diagnostics.Error(DiagnosticIds.Directive, "expected a macro name after #undef", (line.Count < 2 ? name : line[1]).Location);
                else
                    macros.Remove(line[1].Text);
                break;
            case "include":
            case "include_next":
                Include(file, name, line);
                break;
            case "error":
                diagnostics.Error(DiagnosticIds.ErrorDirective, "#error " + Spell(line, 1), name.Location);
                break;
            case "warning":
                diagnostics.Warning(DiagnosticIds.WarningDirective, "#warning " + Spell(line, 1), name.Location);
                break;
            case "pragma":
                Pragma(file, line);
                break;
            case "line":
            case "ident":
            case "sccs":
                break;
            default:
                diagnostics.Error(DiagnosticIds.Directive, $"unknown preprocessing directive '#{name.Text}'", name.Location);
                break;
        }
    }

    // The pragmas that change what a compiler sees; clang ignores the others for these targets, and so does this.
    private void Pragma(SourceFile file, List<Token> line)
    {
        if (line.Count < 2)
            return;
        if (line[1].Is("once"))
            onceOnly.Add(file);
        else if (line[1].Is("pack"))
            packs.Read(line[1], expander.Expand(line.GetRange(2, line.Count - 2)), output.Count, diagnostics);
    }

    private void OpenConditional(Token name, Func<bool> condition)
    {
        var parentActive = Active;
        conditionals.Add(new ConditionalRegion(name, parentActive, parentActive && condition()));
    }

    private void Alternative(Token name, List<Token> line)
    {
        if (conditionals.Count == 0)
        {
            diagnostics.Error(DiagnosticIds.Directive, $"#{name.Text} without #if", name.Location);
            return;
        }
        var region = conditionals[conditionals.Count - 1];
        if (region.SeenElse)
        {
            diagnostics.Error(DiagnosticIds.Directive, $"#{name.Text} after #else", name.Location);
            region.Active = false;
            return;
        }
        if (name.Text == "else")
            region.SeenElse = true;
        if (!region.ParentActive || region.AnyTaken)
        {
            region.Active = false;
            return;
        }
        region.Active = name.Text == "else" || EvaluateCondition(name, line);
        region.AnyTaken |= region.Active;
    }

    private bool IsDefined(Token directive, List<Token> line)
    {
        if (line.Count < 2 || line[1].Kind != TokenKind.Identifier)
        {
            diagnostics.Error(DiagnosticIds.Directive, $"expected a macro name after #{directive.Text}", (line.Count < 2 ? directive : line[1]).Location);
            return false;
        }
        return macros.ContainsKey(line[1].Text) || IsBuiltInOperator(line[1].Text);
    }

    private static string Spell(List<Token> line, int from)
    {
        var text = new StringBuilder();
        for (var i = from; i < line.Count; i++)
        {
            if (i > from && line[i].HasLeadingSpace)
                text.Append(' ');
            text.Append(line[i].Text);
        }
        return text.ToString();
    }

    private static IEnumerable<(Token Hash, List<Token> Line)> Lines(TokenList tokens)
    {
        var i = 0;
        while (tokens[i].Kind != TokenKind.EndOfFile)
        {
            var end = i + 1;
            while (!tokens[end].AtLineStart)
                end++;
            if (tokens[i].Is("#"))
                yield return (tokens[i], tokens.GetRange(i + 1, end - i - 1));
            i = end;
        }
    }
}
