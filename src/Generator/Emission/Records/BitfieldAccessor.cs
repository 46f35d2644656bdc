using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Records;

/// <summary>
/// The get/set bodies of a bitfield property, byte by byte over the record's bytes, so that any width up to
/// 64 at any bit offset (packed records straddle bytes freely) reads and writes exactly its own bits.
/// </summary>
/// <remarks>
/// <see cref="FieldModel.BitOffset"/> counts in allocation order. Little-endian targets allocate from the
/// least significant bit of the first byte, and the value's bit i is allocation bit <c>BitOffset + i</c>.
/// Big-endian targets (s390x) allocate from the most significant bit of the first byte, and the value's
/// most significant bit comes first: allocation bit <c>BitOffset + i</c> holds value bit <c>Width - 1 - i</c>.
/// Either way the bits one byte holds are a contiguous, increasing run of value bits, which gives one
/// shift-and-mask per byte.
/// </remarks>
internal static class BitfieldAccessor
{
    /// <summary>One byte's share of a bitfield: bits <c>[Low, Low + Count)</c> of byte <c>Byte</c> (LSB = 0) are value bits from <c>Shift</c> up.</summary>
    private readonly record struct ByteShare(long Byte, int Low, int Count, int Shift);

    /// <summary>The statements of the getter; <c>bytes</c> is a <c>ref byte</c> to the record's first byte.</summary>
    public static IEnumerable<string> Getter(FieldModel f, string type, bool bigEndian)
    {
        var width = f.BitWidth!.Value;
        var parts = Shares(f, bigEndian).Select(s =>
        {
            var read = $"global::System.Runtime.CompilerServices.Unsafe.Add(ref bytes, {s.Byte})";
            var shifted = s.Low == 0 ? read : $"({read} >> {s.Low})";
            var masked = s.Low + s.Count == 8 && s.Low == 0 ? $"(ulong){read}" : $"(ulong)(byte)({shifted} & 0x{Mask(s.Count):X})";
            return s.Shift == 0 ? masked : $"({masked} << {s.Shift})";
        });
        yield return $"ulong value = {string.Join(" | ", parts)};";
        if (IsSigned(f) && width < 64)
            yield return $"return unchecked(({type})((long)(value << {64 - width}) >> {64 - width}));";
        else
            yield return $"return unchecked(({type})value);";
    }

    /// <summary>The statements of the setter: only the field's own bits change.</summary>
    public static IEnumerable<string> Setter(FieldModel f, bool bigEndian)
    {
        yield return "ulong bits = unchecked((ulong)value);";
        foreach (var s in Shares(f, bigEndian))
        {
            var at = $"global::System.Runtime.CompilerServices.Unsafe.Add(ref bytes, {s.Byte})";
            var inPlace = $"(((uint)(bits >> {s.Shift}) & 0x{Mask(s.Count):X}) << {s.Low})";
            if (s.Count == 8)
                yield return $"{at} = (byte)(bits >> {s.Shift});";
            else
                yield return $"{at} = (byte)(({at} & 0x{~(Mask(s.Count) << s.Low) & 0xFF:X2}u) | {inPlace});";
        }
    }

    private static bool IsSigned(FieldModel f) => f.Type.IsSigned && f.Type.Integer != CIntegerKind.Bool;

    private static uint Mask(int count) => count >= 32 ? uint.MaxValue : (1u << count) - 1;

    private static IEnumerable<ByteShare> Shares(FieldModel f, bool bigEndian)
    {
        var first = (long)f.BitOffset!.Value;
        var width = f.BitWidth!.Value;
        var end = first + width;
        for (var byteIndex = first / 8; byteIndex * 8 < end; byteIndex++)
        {
            // Allocation positions of this byte that belong to the field.
            var from = Math.Max(first, byteIndex * 8);
            var to = Math.Min(end, byteIndex * 8 + 8);
            var count = (int)(to - from);
            if (!bigEndian)
            {
                var low = (int)(from - byteIndex * 8);
                yield return new ByteShare(byteIndex, low, count, (int)(from - first));
            }
            else
            {
                // Allocation position p of the byte is bit 7 - p % 8; the last position holds the lowest value bit.
                var low = 7 - (int)((to - 1) - byteIndex * 8);
                yield return new ByteShare(byteIndex, low, count, width - (int)(to - first));
            }
        }
    }
}
