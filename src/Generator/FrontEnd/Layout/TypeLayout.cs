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
            // #pragma pack caps every member, aligned attributes included (clang's MaxFieldAlignment), and a
            // bitfield under it may straddle its type's units, as a packed one does. A zero-width bitfield
            // still aligns to its whole type.
            var cap = record.MaxFieldAlign;
            if (cap is { } max)
                memberAlign = Math.Min(memberAlign, max);

            if (member.BitWidth is { } width)
            {
                var unitBits = memberSize * 8;
                long offset;
                if (record.Kind == RecordKind.Union)
                    offset = 0;
                else if (width == 0)
                    offset = AlignUp(bits, typeAlign * 8L);
                else if (!packed && cap is null && (bits % unitBits) + width > unitBits)
                    offset = AlignUp(bits, typeAlign * 8L);
                else
                    offset = bits;
                if (member.AlignAttribute is { } forced)
                    offset = AlignUp(offset, Math.Min(forced, cap ?? forced) * 8L);
                placements.Add(new MemberPlacement(offset, width));
                if (record.Kind == RecordKind.Struct)
                    bits = offset + width;
                sizeBits = Math.Max(sizeBits, offset + width);
                var countsForAlign = member.Name is not null || arch.UnnamedBitfieldAlignsRecord;
                if (countsForAlign)
                    align = Math.Max(align, width == 0 && member.Name is null ? typeAlign : memberAlign);
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
