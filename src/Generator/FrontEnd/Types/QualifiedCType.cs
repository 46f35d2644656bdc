namespace KvmSharp.Generator.FrontEnd.Types;

/// <summary>const, volatile and restrict: no effect on layout, but part of the type clang names.</summary>
internal sealed class QualifiedCType : CType
{
    public QualifiedCType(CType inner, string qualifiers)
    {
        Inner = inner;
        Qualifiers = qualifiers;
    }

    public CType Inner { get; }

    /// <summary>In clang's order and spelling: <c>const volatile __restrict</c>.</summary>
    public string Qualifiers { get; }

    public override string Spelling => Inner is PointerCType ? $"{Inner.Spelling}{Qualifiers}" : $"{Qualifiers} {Inner.Spelling}";

    public override CType Resolved => Inner.Resolved;

    public static CType Apply(CType type, bool isConst, bool isVolatile, bool isRestrict)
    {
        if (!isConst && !isVolatile && !isRestrict)
            return type;
        var words = new List<string>();
        if (isConst)
            words.Add("const");
        if (isVolatile)
            words.Add("volatile");
        if (isRestrict)
            words.Add("__restrict");
        return new QualifiedCType(type, string.Join(" ", words));
    }
}
