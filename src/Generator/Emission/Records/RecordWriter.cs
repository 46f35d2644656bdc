using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Records;

/// <summary>Writes the C# of one <see cref="RecordPlan"/> and its nested structs.</summary>
internal sealed class RecordWriter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string InteropServices = "global::System.Runtime.InteropServices";
    private const string UnscopedRef = "[global::System.Diagnostics.CodeAnalysis.UnscopedRef]";

    private readonly IndentedWriter writer;
    private readonly bool bigEndian;

    private RecordWriter(IndentedWriter writer, bool bigEndian)
    {
        this.writer = writer;
        this.bigEndian = bigEndian;
    }

    /// <summary>A whole file holding <paramref name="plan"/>.</summary>
    public static string File(RecordPlan plan, EmitOptions options, bool bigEndian)
    {
        var writer = new IndentedWriter();
        SupportFile.Header(writer);
        writer.Line($"namespace {options.Namespace};");
        writer.Line();
        new RecordWriter(writer, bigEndian).Struct(plan, options.Accessibility);
        return writer.ToString();
    }

    private void Struct(RecordPlan plan, string accessibility)
    {
        var r = plan.Record;
        var lines = new List<string> { $"<c>{Escape(plan.NativeName)}</c>{Comment(r.Comment)}" };
        if (r.Size == 0)
            lines.Add("C gives this record size 0; a C# struct cannot be empty, so this one is 1 byte. Members of this type take no room in the records that hold them.");
        Docs(lines);
        writer.Line($"[NativeTypeName({CSharpNames.Literal(plan.NativeName)})]");
        // Pack keeps a packed record's C# alignment at C's, so that arrays of it have C's stride.
        var pack = r.IsPacked ? $", Pack = {r.Align}" : "";
        writer.Line($"[{InteropServices}.StructLayout({InteropServices}.LayoutKind.Explicit, Size = {plan.Size}{pack})]");
        using (writer.Open($"{accessibility} partial struct {plan.TypeName}"))
        {
            var first = true;
            foreach (var member in plan.Members)
            {
                if (!first)
                    writer.Line();
                first = false;
                Member(plan, member);
            }
            foreach (var nested in plan.NestedTypes)
            {
                if (!first)
                    writer.Line();
                first = false;
                Struct(nested, "public");
            }
        }
    }

    private void Member(RecordPlan plan, MemberPlan m)
    {
        Docs(MemberDocs(m));
        if (m.NativeType is not null && m.Kind != MemberKind.Flexible)
            writer.Line($"[NativeTypeName({CSharpNames.Literal(m.NativeType)})]");
        if (m.IsForwarder)
        {
            Forwarder(m);
            return;
        }
        switch (m.Kind)
        {
            case MemberKind.Field:
            case MemberKind.BitfieldStorage:
                writer.Line($"[{InteropServices}.FieldOffset({m.Offset})]");
                writer.Line($"public {m.Type} {m.Name};");
                break;
            case MemberKind.View:
                writer.Line(UnscopedRef);
                writer.Line($"public ref {m.Type} {m.Name} => ref {Unsafe}.As<byte, {m.Type}>(ref {At(plan, m.Offset)});");
                break;
            case MemberKind.Flexible:
                writer.Line(UnscopedRef);
                using (writer.Open($"public global::System.Span<{m.Type}> {m.Name}(int count)"))
                {
                    writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(count);");
                    writer.Line($"return {InteropServices}.MemoryMarshal.CreateSpan(ref {Unsafe}.As<byte, {m.Type}>(ref {At(plan, m.Offset)}), count);");
                }
                break;
            case MemberKind.Bitfield:
                Bitfield(plan, m);
                break;
        }
    }

    private void Forwarder(MemberPlan m)
    {
        var target = $"{m.Via}.{m.Target}";
        switch (m.Kind)
        {
            case MemberKind.Field:
            case MemberKind.View:
                writer.Line(UnscopedRef);
                writer.Line($"public ref {m.Type} {m.Name} => ref {target};");
                break;
            case MemberKind.Bitfield:
                using (writer.Open($"public {m.Type} {m.Name}"))
                {
                    writer.Line($"get => {target};");
                    writer.Line($"set => {target} = value;");
                }
                break;
            case MemberKind.Flexible:
                writer.Line(UnscopedRef);
                writer.Line($"public global::System.Span<{m.Type}> {m.Name}(int count) => {target}(count);");
                break;
        }
    }

    private void Bitfield(RecordPlan plan, MemberPlan m)
    {
        var bytes = $"ref byte bytes = ref {Unsafe}.As<{plan.FullName}, byte>(ref this);";
        using (writer.Open($"public {m.Type} {m.Name}"))
        {
            using (writer.Open("get"))
            {
                writer.Line(bytes);
                foreach (var line in BitfieldAccessor.Getter(m.Field!, m.Type, bigEndian))
                    writer.Line(line);
            }
            using (writer.Open("set"))
            {
                writer.Line(bytes);
                using (writer.Open("unchecked"))
                {
                    foreach (var line in BitfieldAccessor.Setter(m.Field!, bigEndian))
                        writer.Line(line);
                }
            }
        }
    }

    /// <summary>A <c>ref byte</c> expression for the byte at <paramref name="offset"/> of this struct.</summary>
    private static string At(RecordPlan plan, long offset)
    {
        var start = $"{Unsafe}.As<{plan.FullName}, byte>(ref this)";
        return offset == 0 ? start : $"{Unsafe}.AddByteOffset(ref {start}, (nint){offset})";
    }

    private static List<string> MemberDocs(MemberPlan m)
    {
        var f = m.Field;
        switch (m.Kind)
        {
            case MemberKind.BitfieldStorage:
                return new List<string> { $"The bytes of the bitfields at offset {m.Offset} (their properties read and write them)." };
            case MemberKind.Field or MemberKind.View when f!.IsAnonymousRecord:
                return new List<string> { $"The {Escape(m.NativeType!)}: its members are also members of this struct.{Comment(f.Comment, "\n")}" };
        }
        var lines = new List<string> { $"<c>{Escape(f!.Name!)}</c>{Comment(f.Comment)}" };
        if (m.IsForwarder)
            lines.Add($"A member of the anonymous member <see cref=\"{m.Via}\"/>.");
        switch (m.Kind)
        {
            case MemberKind.View:
                lines.Add("It has size 0 in C: this is a view of the bytes at its offset, for the flexible members it holds.");
                break;
            case MemberKind.Bitfield:
                lines.Add($"A bitfield of {f.BitWidth} bits at bit {f.BitOffset} of the record in allocation order; setting it keeps only the low {f.BitWidth} bits of the value.");
                break;
            case MemberKind.Flexible:
                lines.Add($"Flexible array member (<c>{Escape(f.Type.Spelling)} {Escape(f.Name!)}{(f.Flexible == FlexibleArrayKind.Incomplete ? "[]" : "[0]")}</c>): the <paramref name=\"count\"/> elements after the header at offset {m.Offset}.");
                lines.Add("The caller must own memory for the whole record and <paramref name=\"count\"/> elements; nothing checks it.");
                break;
        }
        return lines;
    }

    private void Docs(List<string> lines)
    {
        writer.Line("/// <summary>");
        foreach (var line in string.Join("\n", lines).Split('\n'))
            writer.Line(("/// " + line).TrimEnd());
        writer.Line("/// </summary>");
    }

    private static string Comment(string? comment, string separator = ": ")
        => string.IsNullOrWhiteSpace(comment) ? "" : separator + Escape(comment!.Trim());

    // Control characters are not allowed in XML, even escaped.
    private static string Escape(string text)
        => IndentedWriter.XmlEscape(new string(text.Replace("\r", "").Select(c => c == '\t' ? ' ' : c != '\n' && char.IsControl(c) ? '?' : c).ToArray()));
}
