using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

/// <summary>A C type as the parser builds it. Typedefs are kept as <see cref="TypedefCType"/> so spellings survive.</summary>
internal abstract class CType
{
    /// <summary>The type as C would spell it (typedef names kept).</summary>
    public abstract string Spelling { get; }

    /// <summary>The type with typedefs seen through.</summary>
    public virtual CType Resolved => this;

    public override string ToString() => Spelling;
}

internal sealed class VoidCType : CType
{
    public static VoidCType Instance { get; } = new();

    public override string Spelling => "void";
}

internal sealed class IntegerCType : CType
{
    private static readonly IntegerCType[] All = Enum.GetValues(typeof(CIntegerKind)).Cast<CIntegerKind>().Select(k => new IntegerCType(k)).ToArray();

    private IntegerCType(CIntegerKind kind) => Kind = kind;

    public CIntegerKind Kind { get; }

    public static IntegerCType Of(CIntegerKind kind) => All[(int)kind];

    public override string Spelling => Kind.Spelling();
}

internal sealed class FloatingCType : CType
{
    public FloatingCType(string name) => Name = name;

    public static FloatingCType Float { get; } = new("float");
    public static FloatingCType Double { get; } = new("double");
    public static FloatingCType LongDouble { get; } = new("long double");

    public string Name { get; }

    public override string Spelling => Name;
}

internal sealed class PointerCType : CType
{
    public PointerCType(CType pointee) => Pointee = pointee;

    public CType Pointee { get; }

    public override string Spelling => Pointee switch
    {
        FunctionCType f => $"{f.ReturnType.Spelling} (*)({f.Parameters})",
        PointerCType { Pointee: FunctionCType f } => $"{f.ReturnType.Spelling} (**)({f.Parameters})",
        _ => Pointee.Spelling.EndsWith("*", StringComparison.Ordinal) ? Pointee.Spelling + "*" : Pointee.Spelling + " *",
    };
}

internal sealed class ArrayCType : CType
{
    public ArrayCType(CType element, long? length)
    {
        Element = element;
        Length = length;
    }

    public CType Element { get; }

    /// <summary>Null for <c>[]</c>.</summary>
    public long? Length { get; }

    public override string Spelling => $"{Element.Spelling}[{Length}]";
}

internal sealed class FunctionCType : CType
{
    public FunctionCType(CType returnType, string parameters)
    {
        ReturnType = returnType;
        Parameters = parameters;
    }

    public CType ReturnType { get; }

    /// <summary>The parameter types as clang prints them (<c>int, char *</c>; <c>void</c> for <c>(void)</c>).</summary>
    public string Parameters { get; }

    public override string Spelling => $"{ReturnType.Spelling} ({Parameters})";
}

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

internal sealed class TypedefCType : CType
{
    public TypedefCType(string name, CType target, int? alignAttribute, SourceLocation location)
    {
        Name = name;
        Target = target;
        AlignAttribute = alignAttribute;
        Location = location;
    }

    public string Name { get; }

    public CType Target { get; }

    /// <summary><c>aligned(n)</c> on a typedef sets its alignment, even lower than the type's (GCC).</summary>
    public int? AlignAttribute { get; }

    public SourceLocation Location { get; }

    public override string Spelling => Name;

    public override CType Resolved => Target.Resolved;
}

/// <summary>A struct or union; complete once its body has been parsed.</summary>
internal sealed class RecordCType : CType
{
    public RecordCType(RecordKind kind, string? tag, SourceLocation location)
    {
        Kind = kind;
        Tag = tag;
        Location = location;
    }

    public RecordKind Kind { get; }

    public string? Tag { get; }

    public string? TypedefName { get; set; }

    public SourceLocation Location { get; set; }

    public string? Comment { get; set; }

    public bool IsComplete { get; private set; }

    /// <summary>Between its '{' and '}': a definition of the same tag in there is a nested redefinition.</summary>
    public bool IsBeingDefined { get; set; }

    public bool IsPacked { get; private set; }

    public int? AlignAttribute { get; private set; }

    /// <summary>The <c>#pragma pack</c> in effect where the body starts: no member is aligned more than this.</summary>
    public int? MaxFieldAlign { get; private set; }

    public IReadOnlyList<RecordMember> Members { get; private set; } = Array.Empty<RecordMember>();

    public void Complete(IReadOnlyList<RecordMember> members, bool packed, int? alignAttribute, int? maxFieldAlign)
    {
        Members = members;
        IsPacked = packed;
        AlignAttribute = alignAttribute;
        MaxFieldAlign = maxFieldAlign;
        IsComplete = true;
    }

    public string KindKeyword => Kind == RecordKind.Struct ? "struct" : "union";

    public override string Spelling => Tag is not null ? $"{KindKeyword} {Tag}" : TypedefName ?? $"{KindKeyword} (unnamed at {Location})";
}

/// <summary>A member declaration of a record.</summary>
internal sealed record RecordMember(string? Name, CType Type, int? BitWidth, int? AlignAttribute, bool IsPacked, SourceLocation Location, string? Comment);

internal sealed class EnumCType : CType
{
    public EnumCType(string? tag, SourceLocation location)
    {
        Tag = tag;
        Location = location;
    }

    public string? Tag { get; }

    public string? TypedefName { get; set; }

    public SourceLocation Location { get; set; }

    public string? Comment { get; set; }

    public bool IsComplete { get; set; }

    public CIntegerKind Underlying { get; set; } = CIntegerKind.UnsignedInt;

    public List<EnumeratorModel> Enumerators { get; } = new();

    public override string Spelling => Tag is not null ? $"enum {Tag}" : TypedefName ?? $"enum (unnamed at {Location})";
}
