using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

/// <summary>What the declaration specifiers of one declaration said.</summary>
internal sealed class DeclarationSpecifiers
{
    public DeclarationSpecifiers(CType type, Token first)
    {
        Type = type;
        First = first;
    }

    public CType Type { get; }

    public Token First { get; }

    public bool IsTypedef { get; set; }

    /// <summary><c>aligned(n)</c> on the declaration (not on a record type).</summary>
    public int? AlignAttribute { get; set; }

    /// <summary><c>packed</c> on the declaration.</summary>
    public bool IsPacked { get; set; }
}
