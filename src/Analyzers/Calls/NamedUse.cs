using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

/// <summary>A header macro a value is written with (<c>KvmConstants.X</c> or an enum member), and where.</summary>
internal readonly struct NamedUse
{
    public NamedUse(string cName, IFieldReferenceOperation reference)
    {
        CName = cName;
        Reference = reference;
    }

    public string CName { get; }

    public IFieldReferenceOperation Reference { get; }
}
