using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

/// <summary>
/// The C# type that holds one value of a scalar C type in a struct field or an ioctl argument: integers and
/// enums by size and signedness (<c>_Bool</c> as <c>byte</c>, keeping its size), pointers as <c>nint</c>.
/// </summary>
internal static class ScalarTypes
{
    /// <summary>The C# type, or null for a type that is no scalar C# can hold (records, <c>long double</c>).</summary>
    public static string? Of(TypeReference type) => type.Category switch
    {
        TypeCategory.Integer or TypeCategory.Enum when type.Integer == CIntegerKind.Bool => "byte",
        TypeCategory.Integer or TypeCategory.Enum => (type.Size, type.IsSigned) switch
        {
            (1, true) => "sbyte",
            (1, false) => "byte",
            (2, true) => "short",
            (2, false) => "ushort",
            (4, true) => "int",
            (4, false) => "uint",
            (8, true) => "long",
            (8, false) => "ulong",
            (16, true) => "global::System.Int128",
            (16, false) => "global::System.UInt128",
            _ => null,
        },
        TypeCategory.Floating => type.Size switch { 4 => "float", 8 => "double", _ => null },
        TypeCategory.Pointer => "nint",
        _ => null,
    };
}
