using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Evaluation;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

// The parser as the scope of constant expressions: type names and enumerators, on any token list.
internal sealed partial class DeclarationParser
{
    public CType? ParseTypeName(TokenCursor at, out string? error, out Token? errorAt)
    {
        var savedCursor = cursor;
        var savedDiagnostics = diagnostics;
        var scratch = new DiagnosticBag();
        cursor = at;
        diagnostics = scratch;
        try
        {
            var type = TypeName();
            var first = scratch.Items.FirstOrDefault();
            error = type is null ? first?.Message ?? "expected a type name" : null;
            errorAt = type is null ? at.Current : null;
            if (type is null)
                return null;
            return type;
        }
        finally
        {
            cursor = savedCursor;
            diagnostics = savedDiagnostics;
        }
    }

    public bool TryGetEnumerator(string name, out CValue value) => enumerators.TryGetValue(name, out value);

    /// <summary>Evaluates a macro's expanded replacement list as one integer constant expression.</summary>
    public EvaluationResult EvaluateConstant(List<Token> tokens, Token end)
    {
        var savedDiagnostics = diagnostics;
        diagnostics = new DiagnosticBag();
        try
        {
            var at = new TokenCursor(tokens, end);
            var result = evaluator.Evaluate(at);
            if (result.Succeeded && !at.AtEnd)
                return new EvaluationResult(default, $"unexpected '{at.Current.Text}' after the expression", at.Current);
            return result;
        }
        finally
        {
            diagnostics = savedDiagnostics;
        }
    }
}
