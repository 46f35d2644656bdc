using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Layout;

/// <summary>
/// Sizes, alignments and record layouts of the LP64 Linux ABIs, as GCC and clang compute them
/// (Itanium/SysV record layout with GNU attributes). Failures carry the reason a C compiler would give.
/// </summary>
internal sealed class TypeLayout
{
    private readonly TargetArch arch;
    private readonly HashSet<RecordCType> layingOut = new();
    // Keyed by the record's identity (CType keeps reference equality). A record is complete only once and immutable
    // after, so its layout never goes stale; an incomplete record has none and is never cached.
    private readonly Dictionary<RecordCType, RecordLayout> layouts = new();

    public TypeLayout(TargetArch arch) => this.arch = arch;

    public TargetArch Arch => arch;

    public bool TryGetSize(CType type, out long size, out string? why)
    {
        why = null;
        size = 0;
        switch (type)
        {
            case TypedefCType typedef:
                return TryGetSize(typedef.Target, out size, out why);
            case QualifiedCType qualified:
                return TryGetSize(qualified.Inner, out size, out why);
            case IntegerCType integer:
                size = integer.Kind.Size();
                return true;
            case FloatingCType floating:
                size = floating == FloatingCType.Float ? 4 : floating == FloatingCType.Double ? 8 : arch.LongDoubleSize;
                return true;
            case PointerCType:
                size = 8;
                return true;
            case EnumCType e:
                if (!e.IsComplete)
                    return Incomplete(type, out why);
                size = e.Underlying.Size();
                return true;
            case ArrayCType array:
                if (array.Length is null)
                    return Incomplete(type, out why);
                if (!TryGetSize(array.Element, out var element, out why))
                    return false;
                size = element * array.Length.Value;
                return true;
            case RecordCType record:
                var layout = LayOut(record, out why);
                if (layout is null)
                    return false;
                size = layout.Size;
                return true;
            default:
                return Incomplete(type, out why);
        }
    }

    public bool TryGetAlign(CType type, out int align, out string? why)
    {
        why = null;
        align = 1;
        switch (type)
        {
            case TypedefCType typedef:
                if (typedef.AlignAttribute is { } forced)
                {
                    align = forced;
                    return true;
                }
                return TryGetAlign(typedef.Target, out align, out why);
            case QualifiedCType qualified:
                return TryGetAlign(qualified.Inner, out align, out why);
            case IntegerCType integer:
                align = integer.Kind.Size();
                return true;
            case FloatingCType floating:
                align = floating == FloatingCType.Float ? 4 : floating == FloatingCType.Double ? 8 : arch.LongDoubleAlign;
                return true;
            case PointerCType:
                align = 8;
                return true;
            case EnumCType e:
                if (!e.IsComplete)
                    return Incomplete(type, out why);
                align = e.Underlying.Size();
                return true;
            case ArrayCType array:
                return TryGetAlign(array.Element, out align, out why);
            case RecordCType record:
                var layout = LayOut(record, out why);
                if (layout is null)
                    return false;
                align = layout.Align;
                return true;
            default:
                return Incomplete(type, out why);
        }
    }

    public RecordLayout? LayOut(RecordCType record, out string? why)
    {
        why = null;
        if (layouts.TryGetValue(record, out var known))
            return known;
        if (!record.IsComplete)
        {
            Incomplete(record, out why);
            return null;
        }
        // A record that contains itself (only a broken header has one) has no layout.
        if (!layingOut.Add(record))
        {
            why = $"'{record.Spelling}' contains itself";
            return null;
        }
        try
        {
            return Compute(record, out why);
        }
        finally
        {
            layingOut.Remove(record);
        }
    }

    private RecordLayout? Compute(RecordCType record, out string? why)
    {
        why = null;
        var placements = new List<MemberPlacement>(record.Members.Count);
        long bits = 0;
        long sizeBits = 0;
        var align = 1;
        foreach (var member in record.Members)
        {
            var resolved = member.Type.Resolved;
            var flexible = resolved is ArrayCType { Length: null };
            long memberSize;
            int typeAlign;
            if (flexible)
            {
                memberSize = 0;
                if (!TryGetAlign(((ArrayCType)resolved).Element, out typeAlign, out why) || !TryGetSize(((ArrayCType)resolved).Element, out _, out why))
                    return Fail(record, member, why, out why);
            }
            else if (!TryGetSize(member.Type, out memberSize, out why) || !TryGetAlign(member.Type, out typeAlign, out why))
            {
                return Fail(record, member, why, out why);
            }
            var packed = record.IsPacked || member.IsPacked;
            var memberAlign = packed ? 1 : typeAlign;
            if (member.AlignAttribute is { } attribute)
                memberAlign = Math.Max(memberAlign, attribute);
            // #pragma pack caps every member, aligned attributes included (clang's MaxFieldAlignment); for bitfields see
            // PlaceBitfield.
            var cap = record.MaxFieldAlign;
            if (cap is { } max)
                memberAlign = Math.Min(memberAlign, max);

            if (member.BitWidth is { } width)
            {
                var (offset, bitfieldAlign) = PlaceBitfield(record, member, width, bits, memberSize * 8, typeAlign, memberAlign, packed);
                placements.Add(new MemberPlacement(offset, width));
                if (record.Kind == RecordKind.Struct)
                    bits = offset + width;
                sizeBits = Math.Max(sizeBits, offset + width);
                align = Math.Max(align, bitfieldAlign);
                continue;
            }

            var byteOffset = record.Kind == RecordKind.Union ? 0 : AlignUp((bits + 7) / 8, memberAlign);
            placements.Add(new MemberPlacement(byteOffset * 8, memberSize * 8));
            if (record.Kind == RecordKind.Struct)
                bits = (byteOffset + memberSize) * 8;
            sizeBits = Math.Max(sizeBits, (byteOffset + memberSize) * 8);
            align = Math.Max(align, memberAlign);
        }
        if (record.AlignAttribute is { } recordAlign)
            align = Math.Max(align, recordAlign);
        var size = AlignUp((sizeBits + 7) / 8, align);
        var layout = new RecordLayout(size, align, placements);
        layouts.Add(record, layout);
        return layout;
    }

    // Bitfields by the Itanium/GCC rules, which the SysV x86_64 psABI, AAPCS64, the RISC-V psABI, ELFv2 (ppc64le) and the
    // s390x ELF ABI all follow; the one difference among the five is whether an unnamed bitfield aligns the record
    // (TargetArch.UnnamedBitfieldAlignsRecord). Every example below is clang-14's -fdump-record-layouts on all five
    // targets, and the tests compare every bitfield of the headers and of the constructs with clang on them.
    // Returns the bitfield's offset in bits and the alignment it gives the record.
    private (long Offset, int Align) PlaceBitfield(RecordCType record, RecordMember member, int width, long bits, long unitBits,
        int typeAlign, int memberAlign, bool packed)
    {
        var cap = record.MaxFieldAlign;
        long offset;
        if (record.Kind == RecordKind.Union)
        {
            // Every member of a union starts at its start (C11 6.7.2.1p16), bitfields too.
            offset = 0;
        }
        else if (width == 0)
        {
            // A zero-width bitfield closes the unit the previous bitfield went in (C11 6.7.2.1p12): the next member starts
            // at the next boundary of its declared type's alignment, or of an aligned attribute on it when larger. Neither
            // packed nor #pragma pack lowers that: struct { char c; int : 0; char d; } has d at 4, under pack(1) too.
            offset = AlignUp(bits, Math.Max(typeAlign, member.AlignAttribute ?? 1) * 8L);
        }
        else if (!packed && cap is null && (bits % unitBits) + width > unitBits)
        {
            // A bitfield takes the next free bits, sharing a unit with the members before it (struct { char c; unsigned
            // x : 20; } has x at bit 8), unless that would cross a boundary of a unit of its declared type (size and
            // alignment are the same for every integer type of these ABIs): then it starts at the next boundary, and the
            // bits skipped are padding (struct { char c; unsigned x : 28; } has x at byte 4). The psABIs: a bitfield is
            // contained in a storage unit appropriate for its declared type.
            offset = AlignUp(bits, typeAlign * 8L);
        }
        else
        {
            // Packed (the record or the member) or under #pragma pack, a bitfield gets no padding and may straddle units:
            // struct { char c; unsigned x : 28; } __attribute__((packed)) has x at bit 8 and 5 bytes; under pack(2) x is
            // at bit 8 too, the size rounded to 6 by the record's alignment of 2.
            offset = bits;
        }
        // aligned(N) on a bitfield moves it to the next N boundary (struct { char c; char x : 4 __attribute__((aligned(16)));
        // } has x at byte 16). Under #pragma pack only when N is within the pack: a larger N is ignored, not capped
        // (pack(2): int x : 4 __attribute__((aligned(4))) after a char is at byte 1, aligned(2) at byte 2). The zero-width
        // case took N above.
        if (width != 0 && member.AlignAttribute is { } forced && (cap is null || forced <= cap))
            offset = AlignUp(offset, forced * 8L);

        // The record's alignment: a named bitfield counts as a plain member of its type would, with packed, aligned and
        // #pragma pack applied (memberAlign): struct { char a; long x : 3; } is 8-aligned. An unnamed one counts only on
        // arm64: the SysV psABIs say an unnamed bitfield's type does not affect the record's alignment (struct { char a;
        // long : 3; } is 2 bytes, 1-aligned), AAPCS64 that its container type counts as a plain member's would, zero-width
        // and unnamed ones included (8 bytes, 8-aligned). A zero-width one there counts its type's alignment and its
        // aligned attribute whatever packed or #pragma pack say: under pack(1), struct { char c; int : 0; char d; } is
        // 4-aligned on arm64.
        if (member.Name is null && !arch.UnnamedBitfieldAlignsRecord)
            return (offset, 1);
        return (offset, width == 0 ? Math.Max(typeAlign, member.AlignAttribute ?? 1) : memberAlign);
    }

    private static RecordLayout? Fail(RecordCType record, RecordMember member, string? reason, out string? why)
    {
        why = $"member '{member.Name ?? "(unnamed)"}' of '{record.Spelling}' has no size: {reason}";
        return null;
    }

    private static bool Incomplete(CType type, out string? why)
    {
        why = $"'{type.Spelling}' is an incomplete type";
        return false;
    }

    internal static long AlignUp(long value, long align) => align <= 1 ? value : (value + align - 1) / align * align;
}
