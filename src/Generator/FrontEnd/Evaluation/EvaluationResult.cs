using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

/// <summary>The outcome of evaluating a constant expression: a value, or why it is not an integer constant expression.</summary>
internal readonly record struct EvaluationResult(CValue Value, string? Error, Token? ErrorAt)
{
    public bool Succeeded => Error is null;
}
