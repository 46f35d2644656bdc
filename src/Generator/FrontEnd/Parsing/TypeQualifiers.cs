using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

/// <summary>Collects the qualifier keywords of one specifier list or pointer, in any of their GNU spellings.</summary>
internal sealed class TypeQualifiers
{
    private bool isConst;
    private bool isVolatile;
    private bool isRestrict;

    public void Note(string keyword)
    {
        switch (keyword)
        {
            case "const" or "__const" or "__const__":
                isConst = true;
                break;
            case "volatile" or "__volatile" or "__volatile__":
                isVolatile = true;
                break;
            case "restrict" or "__restrict" or "__restrict__":
                isRestrict = true;
                break;
        }
    }

    public CType ApplyTo(CType type) => QualifiedCType.Apply(type, isConst, isVolatile, isRestrict);
}
