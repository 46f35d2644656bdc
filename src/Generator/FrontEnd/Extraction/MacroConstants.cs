using KvmSharp.Generator.FrontEnd.Evaluation;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Parsing;
using KvmSharp.Generator.FrontEnd.Preprocessing;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>
/// Evaluates every object-like macro of the header, as it stands at the end of the translation unit,
/// as an integer constant expression in the scope of all the header's declarations: what
/// <c>enum { x = NAME };</c> would accept at the end of the header.
/// </summary>
internal sealed class MacroConstants
{
    private readonly PreprocessedUnit unit;
    private readonly DeclarationScope scope;

    public MacroConstants(PreprocessedUnit unit, DeclarationScope scope)
    {
        this.unit = unit;
        this.scope = scope;
    }

    /// <summary>Expands <paramref name="tokens"/> with the final macros; the names of the macros replaced go to <paramref name="invoked"/>.</summary>
    public List<Token> Expand(IReadOnlyList<Token> tokens, HashSet<string>? invoked, out string? failure)
    {
        var expander = unit.Expander;
        expander.Invoked = invoked;
        try
        {
            return expander.ExpandQuietly(tokens, out failure);
        }
        finally
        {
            expander.Invoked = null;
        }
    }

    public EvaluationResult Evaluate(MacroDefinition macro, HashSet<string>? invoked, out List<Token> expanded)
    {
        expanded = Expand(new[] { macro.NameToken }, invoked, out var failure);
        if (failure is not null)
            return new EvaluationResult(default, failure, macro.NameToken);
        var last = macro.Body.Count > 0 ? macro.Body[macro.Body.Count - 1] : macro.NameToken;
        var end = new Token(TokenKind.EndOfFile, "", last.File, last.Line, last.Column + last.Text.Length, true, false);
        return EvaluateExpanded(expanded, end);
    }

    /// <summary>Evaluates an expanded replacement list as one integer constant expression, in the scope of the whole header.</summary>
    public EvaluationResult EvaluateExpanded(List<Token> tokens, Token end)
    {
        var at = new TokenCursor(tokens, end);
        var result = scope.Evaluator.Evaluate(at);
        if (result.Succeeded && !at.AtEnd)
            return new EvaluationResult(default, $"unexpected '{at.Current.Text}' after the expression", at.Current);
        return result;
    }

    /// <summary>Sorts the header's object-like macros into constants and the rest, and returns which constants went through <c>_IOC</c>.</summary>
    public (List<ConstantModel> Constants, List<NonConstantMacro> NonConstants, List<(MacroDefinition Macro, ConstantModel Constant, List<Token> Expansion)> Ioctls)
        Classify(CommentIndex comments)
    {
        var constants = new List<ConstantModel>();
        var nonConstants = new List<NonConstantMacro>();
        var ioctls = new List<(MacroDefinition, ConstantModel, List<Token>)>();
        var invoked = new HashSet<string>(StringComparer.Ordinal);
        var block = new DefineBlock(comments);
        foreach (var macro in unit.HeaderMacros)
        {
            var parent = block.Next(macro);
            if (macro.IsFunctionLike)
                continue;
            var location = macro.NameToken.Location;
            var comment = comments.For(location);
            if (macro.Body.Count == 0)
            {
                nonConstants.Add(new NonConstantMacro(macro.Name, "defined with an empty replacement list", location, comment));
                continue;
            }
            invoked.Clear();
            var result = Evaluate(macro, invoked, out var expansion);
            if (!result.Succeeded)
            {
                var where = result.ErrorAt is { } at && (at.File.Path != location.File || at.Line != location.Line) ? $" (at {at.Location})" : "";
                nonConstants.Add(new NonConstantMacro(macro.Name, result.Error + where, location, comment));
                continue;
            }
            var constant = new ConstantModel(macro.Name, result.Value.Bits, result.Value.Kind, location, comment, parent, block.Number);
            constants.Add(constant);
            if (invoked.Contains("_IOC"))
                ioctls.Add((macro, constant, expansion));
        }
        return (constants, nonConstants, ioctls);
    }
}
