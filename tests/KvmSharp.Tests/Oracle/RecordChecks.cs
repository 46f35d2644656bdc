using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The record checks C itself can express: sizeof, _Alignof and struct-or-union of every record, and for every
/// named member that is not a bitfield its offset (<c>__builtin_offsetof</c>), size and type. Members of
/// anonymous members are named from the enclosing record, with their absolute offset; a member whose type is
/// an unnamed record declared in place is followed through <c>__typeof__</c>. Bitfields, anonymous records
/// and unnamed bitfields cannot be named in C: <see cref="LayoutComparison"/> checks them from the layout dump.
/// </summary>
internal static class RecordChecks
{
    // __builtin_classify_type's answers for struct and union.
    private const int RecordClass = 12, UnionClass = 13;

    public static void Add(CheckFile file, HeaderModel model, TypeReferenceChecks types)
    {
        foreach (var r in model.Records)
        {
            if (r.CSpelling is not { } spelling)
            {
                file.Inconsistent("record", $"record at {r.Location}", "no tag and no typedef name at top level");
                continue;
            }
            var subject = r.Key!;
            // The sizeof here is also what makes clang lay the record out, so that it shows in the dump.
            Whole(file, spelling, r, subject);
            if (r.Tag is not null && r.TypedefName is not null)
                file.Assert(new OracleFact("record", subject, "typedef name", r.TypedefName),
                    $"__builtin_types_compatible_p({spelling}, {r.TypedefName})");
            Members(file, types, spelling, r, 0, subject);
        }
    }

    private static void Whole(CheckFile file, string type, RecordModel r, string subject)
    {
        file.AssertEqual("record", subject, "sizeof", $"sizeof({type})", r.Size);
        file.AssertEqual("record", subject, "_Alignof", $"_Alignof({type})", r.Align);
        var kind = r.Kind == RecordKind.Struct ? RecordClass : UnionClass;
        file.Assert(new OracleFact("record", subject, "kind", r.Kind.ToString().ToLowerInvariant(), ProbeKind.Type, $"({type} *)0"),
            $"__builtin_classify_type(*({type} *)0) == {kind}");
    }

    private static void Members(CheckFile file, TypeReferenceChecks types, string type, RecordModel r, long baseOffset, string subject)
    {
        foreach (var f in r.Fields)
        {
            if (f.IsBitfield)
                continue;
            if (f.Name is null)
            {
                // Anonymous struct/union: its members are the enclosing record's, at the anonymous member's offset.
                if (f.InlineRecord is { } anonymous)
                    Members(file, types, type, anonymous, baseOffset + f.Offset, subject);
                else
                    file.Inconsistent("record", $"{subject}.<unnamed at {f.Location}>", "member without a name that is neither a bitfield nor an anonymous record");
                continue;
            }

            var s = $"{subject}.{f.Name}";
            var member = $"((({type} *)0)->{f.Name})";
            file.AssertEqual("record", s, "offset", $"__builtin_offsetof({type}, {f.Name})", baseOffset + f.Offset);
            // sizeof of an incomplete array is an error; the model says 0 for it, nothing to ask clang.
            if (f.Flexible != FlexibleArrayKind.Incomplete)
                file.AssertEqual("record", s, "size", $"sizeof({member})", f.Size);

            if (f.InlineRecord is { } inner)
            {
                var innerType = $"__typeof__({member}{TypeSpelling.FirstElement(f.ArrayDimensions.Count)})";
                Whole(file, innerType, inner, s);
                if (f.Flexible == FlexibleArrayKind.None && f.Size != inner.Size * TypeSpelling.Elements(f.ArrayDimensions))
                    file.Inconsistent("record", s, $"size {f.Size} is not its record's {inner.Size} bytes times {TypeSpelling.Elements(f.ArrayDimensions)}");
                Members(file, types, innerType, inner, 0, s);
                continue;
            }

            CheckMemberType(file, s, member, f);
            types.Check(f.Type, s);
        }
    }

    private static void CheckMemberType(CheckFile file, string subject, string member, FieldModel f)
    {
        var spelled = TypeSpelling.WithDimensions(f.Type.Spelling, f.ArrayDimensions, f.Flexible);
        var fact = new OracleFact("record", subject, "type", spelled, ProbeKind.Type, $"&{member}");
        var t = $"__typeof__({member})";
        switch (f.Flexible)
        {
            case FlexibleArrayKind.Incomplete:
                // Only an incomplete array type is compatible with both T[1] and T[2].
                var one = TypeSpelling.WithDimensions(f.Type.Spelling, Replace0(f.ArrayDimensions, 1), FlexibleArrayKind.None);
                var two = TypeSpelling.WithDimensions(f.Type.Spelling, Replace0(f.ArrayDimensions, 2), FlexibleArrayKind.None);
                file.Assert(fact, $"__builtin_types_compatible_p({t}, {one}) && __builtin_types_compatible_p({t}, {two})");
                break;
            case FlexibleArrayKind.ZeroLength:
                // T[0] is compatible with T[] but not with T[1]: that tells x[0] from x[].
                var unit = TypeSpelling.WithDimensions(f.Type.Spelling, Replace0(f.ArrayDimensions, 1), FlexibleArrayKind.None);
                file.Assert(fact, $"__builtin_types_compatible_p({t}, {spelled}) && !__builtin_types_compatible_p({t}, {unit})");
                break;
            default:
                file.Assert(fact, $"__builtin_types_compatible_p({t}, {spelled})");
                break;
        }
    }

    private static long[] Replace0(IReadOnlyList<long> dims, long first)
    {
        var copy = dims.ToArray();
        if (copy.Length == 0)
            return new[] { first };
        copy[0] = first;
        return copy;
    }
}
