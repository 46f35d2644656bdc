namespace KvmSharp.Generator.Model;

/// <summary>The C integer types, in order of conversion rank (C11 6.3.1.1).</summary>
public enum CIntegerKind
{
    /// <summary><c>_Bool</c></summary>
    Bool,
    /// <summary><c>char</c> (signedness is the target's)</summary>
    Char,
    /// <summary><c>signed char</c></summary>
    SignedChar,
    /// <summary><c>unsigned char</c></summary>
    UnsignedChar,
    /// <summary><c>short</c></summary>
    Short,
    /// <summary><c>unsigned short</c></summary>
    UnsignedShort,
    /// <summary><c>int</c></summary>
    Int,
    /// <summary><c>unsigned int</c></summary>
    UnsignedInt,
    /// <summary><c>long</c></summary>
    Long,
    /// <summary><c>unsigned long</c></summary>
    UnsignedLong,
    /// <summary><c>long long</c></summary>
    LongLong,
    /// <summary><c>unsigned long long</c></summary>
    UnsignedLongLong,
    /// <summary><c>__int128</c></summary>
    Int128,
    /// <summary><c>unsigned __int128</c></summary>
    UnsignedInt128,
}

/// <summary>Facts about <see cref="CIntegerKind"/> that do not depend on the target (LP64 Linux).</summary>
public static class CIntegerKinds
{
    /// <summary>Size in bytes under LP64.</summary>
    public static int Size(this CIntegerKind kind) => kind switch
    {
        CIntegerKind.Bool or CIntegerKind.Char or CIntegerKind.SignedChar or CIntegerKind.UnsignedChar => 1,
        CIntegerKind.Short or CIntegerKind.UnsignedShort => 2,
        CIntegerKind.Int or CIntegerKind.UnsignedInt => 4,
        CIntegerKind.Int128 or CIntegerKind.UnsignedInt128 => 16,
        _ => 8,
    };

    /// <summary>Whether the type is signed; <c>char</c> follows the target.</summary>
    public static bool IsSigned(this CIntegerKind kind, bool charIsSigned) => kind switch
    {
        CIntegerKind.Char => charIsSigned,
        CIntegerKind.SignedChar or CIntegerKind.Short or CIntegerKind.Int or CIntegerKind.Long
            or CIntegerKind.LongLong or CIntegerKind.Int128 => true,
        _ => false,
    };

    /// <summary>The C spelling.</summary>
    public static string Spelling(this CIntegerKind kind) => kind switch
    {
        CIntegerKind.Bool => "_Bool",
        CIntegerKind.Char => "char",
        CIntegerKind.SignedChar => "signed char",
        CIntegerKind.UnsignedChar => "unsigned char",
        CIntegerKind.Short => "short",
        CIntegerKind.UnsignedShort => "unsigned short",
        CIntegerKind.Int => "int",
        CIntegerKind.UnsignedInt => "unsigned int",
        CIntegerKind.Long => "long",
        CIntegerKind.UnsignedLong => "unsigned long",
        CIntegerKind.LongLong => "long long",
        CIntegerKind.UnsignedLongLong => "unsigned long long",
        CIntegerKind.Int128 => "__int128",
        _ => "unsigned __int128",
    };
}
