using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

/// <summary>C's integer conversions (C11 6.3.1) for LP64, where long and long long are both 64 bits.</summary>
internal sealed class IntegerArithmetic
{
    public IntegerArithmetic(bool charIsSigned, bool wcharIsSigned = true)
    {
        CharIsSigned = charIsSigned;
        WCharIsSigned = wcharIsSigned;
    }

    public bool CharIsSigned { get; }

    public bool WCharIsSigned { get; }

    public bool IsSigned(CIntegerKind kind) => kind.IsSigned(CharIsSigned);

    /// <summary>Truncates to the type's width and sign-extends signed types.</summary>
    public CValue Convert(ulong bits, CIntegerKind kind)
    {
        if (kind == CIntegerKind.Bool)
            return new CValue(bits == 0 ? 0UL : 1UL, kind);
        var width = kind.Size() * 8;
        if (width < 64)
        {
            var mask = (1UL << width) - 1;
            bits &= mask;
            if (IsSigned(kind) && (bits & (1UL << (width - 1))) != 0)
                bits |= ~mask;
        }
        return new CValue(bits, kind);
    }

    public CValue Convert(CValue value, CIntegerKind kind) => Convert(value.Bits, kind);

    /// <summary>Integer promotion: everything narrower than int becomes int.</summary>
    public CIntegerKind Promote(CIntegerKind kind) => Rank(kind) < Rank(CIntegerKind.Int) ? CIntegerKind.Int : kind;

    /// <summary>The common type of the usual arithmetic conversions.</summary>
    public CIntegerKind Common(CIntegerKind left, CIntegerKind right)
    {
        left = Promote(left);
        right = Promote(right);
        if (left == right)
            return left;
        var leftSigned = IsSigned(left);
        if (leftSigned == IsSigned(right))
            return Rank(left) >= Rank(right) ? left : right;
        var (signed, unsigned) = leftSigned ? (left, right) : (right, left);
        if (Rank(unsigned) >= Rank(signed))
            return unsigned;
        if (signed.Size() > unsigned.Size())
            return signed;
        return ToUnsigned(signed);
    }

    public static CIntegerKind ToUnsigned(CIntegerKind kind) => kind switch
    {
        CIntegerKind.Int => CIntegerKind.UnsignedInt,
        CIntegerKind.Long => CIntegerKind.UnsignedLong,
        CIntegerKind.LongLong => CIntegerKind.UnsignedLongLong,
        CIntegerKind.Int128 => CIntegerKind.UnsignedInt128,
        CIntegerKind.Short => CIntegerKind.UnsignedShort,
        CIntegerKind.Char or CIntegerKind.SignedChar => CIntegerKind.UnsignedChar,
        _ => kind,
    };

    private static int Rank(CIntegerKind kind) => kind switch
    {
        CIntegerKind.Bool => 0,
        CIntegerKind.Char or CIntegerKind.SignedChar or CIntegerKind.UnsignedChar => 1,
        CIntegerKind.Short or CIntegerKind.UnsignedShort => 2,
        CIntegerKind.Int or CIntegerKind.UnsignedInt => 3,
        CIntegerKind.Long or CIntegerKind.UnsignedLong => 4,
        CIntegerKind.LongLong or CIntegerKind.UnsignedLongLong => 5,
        _ => 6,
    };
}
