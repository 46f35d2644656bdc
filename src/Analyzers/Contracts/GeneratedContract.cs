using Microsoft.CodeAnalysis;

namespace KvmSharp.Analyzers.Contracts;

/// <summary>A contract the generator attached to the bindings: its text and the <c>KvmCapabilityContracts</c> field that carries it.</summary>
internal sealed class GeneratedContract
{
    public GeneratedContract(string text, IFieldSymbol field)
    {
        Text = text;
        Field = field;
    }

    public string Text { get; }

    public IFieldSymbol Field { get; }
}
