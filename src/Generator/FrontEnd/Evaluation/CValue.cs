using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

/// <summary>An integer constant and its C type. Signed values are kept sign-extended to 64 bits.</summary>
internal readonly record struct CValue(ulong Bits, CIntegerKind Kind)
{
    public long Signed => (long)Bits;

    public bool IsZero => Bits == 0;

    public static CValue Int(long value) => new((ulong)value, CIntegerKind.Int);
}
