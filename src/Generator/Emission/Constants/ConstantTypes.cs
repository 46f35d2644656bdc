using System.Globalization;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>
/// The C# type of a C integer type on LP64 Linux, and C#-exact literals for values of that type, so that a
/// generated constant is the same number the C compiler has and compiles without a cast or a warning.
/// </summary>
internal static class ConstantTypes
{
    /// <summary>
    /// The C# keyword for <paramref name="kind"/>; null for <c>__int128</c>, which has no constant form C# 12 can
    /// write (<c>Int128</c> is not a constant type). Plain <c>char</c> follows the target's signedness.
    /// </summary>
    public static string? CSharpType(CIntegerKind kind, bool charIsSigned) => kind switch
    {
        CIntegerKind.Bool => "bool",
        CIntegerKind.Char => charIsSigned ? "sbyte" : "byte",
        CIntegerKind.SignedChar => "sbyte",
        CIntegerKind.UnsignedChar => "byte",
        CIntegerKind.Short => "short",
        CIntegerKind.UnsignedShort => "ushort",
        CIntegerKind.Int => "int",
        CIntegerKind.UnsignedInt => "uint",
        CIntegerKind.Long or CIntegerKind.LongLong => "long",
        CIntegerKind.UnsignedLong or CIntegerKind.UnsignedLongLong => "ulong",
        _ => null,
    };

    /// <summary>Whether a C# enum can have this type underneath (every integer type but bool and 128-bit).</summary>
    public static bool IsEnumUnderlying(CIntegerKind kind)
        => kind is not (CIntegerKind.Bool or CIntegerKind.Int128 or CIntegerKind.UnsignedInt128);

    /// <summary>
    /// A literal of <paramref name="value"/> (two's complement, sign-extended for signed types) that C# accepts
    /// as a constant of the C# type of <paramref name="kind"/>: negative values in decimal (C# allows
    /// <c>-9223372036854775808</c> and <c>-2147483648</c> as literals), small values in decimal, others in hex.
    /// </summary>
    public static string Literal(ulong value, CIntegerKind kind, bool charIsSigned)
    {
        if (kind == CIntegerKind.Bool)
            return value != 0 ? "true" : "false";
        if (kind.IsSigned(charIsSigned) && (long)value < 0)
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        return value < 256
            ? value.ToString(CultureInfo.InvariantCulture)
            : "0x" + value.ToString("X", CultureInfo.InvariantCulture);
    }
}
