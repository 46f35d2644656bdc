using System.Text;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Emission.Records;

/// <summary>One fact the generated C# states about a C member, measured at run time through the generated accessors.</summary>
/// <param name="Kind"><c>S</c> record size, <c>O</c> member offset and size, <c>V</c> view offset, <c>F</c> flexible array offset and element size, <c>B</c> bitfield.</param>
/// <param name="Spelling">The record's C spelling (<c>struct kvm_run</c>).</param>
/// <param name="Path">The C member designator (<c>io.port</c>, <c>redirtbl[0].fields.mask</c>); empty for <c>S</c>.</param>
/// <param name="Values">Offset and size; for a bitfield, the bits set by all ones, the bits set by 1, and whether reading gave them back.</param>
internal sealed record ProbedFact(char Kind, string Spelling, string Path, string[] Values);

/// <summary>
/// Writes a C# class that, compiled with the generated code, walks every record through its generated members
/// (fields, forwarded <c>ref</c> properties, views, span methods, bitfield properties) and reports where each
/// one lands in the record's bytes. The plans give only the names: every number comes from the running code.
/// </summary>
internal static class RecordProbe
{
    public const string ClassName = "KvmSharpRecordProbe";

    public static string Source(IEnumerable<RecordPlan> plans, string ns)
    {
        var text = new StringBuilder();
        text.Append($$"""
            #pragma warning disable
            namespace {{ns}};
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;
            public static unsafe class {{ClassName}}
            {
                static long Off<T>(ref byte root, ref T member) => (long)Unsafe.ByteOffset(ref root, ref Unsafe.As<T, byte>(ref member));
                static int Size<T>(ref T member) => Unsafe.SizeOf<T>();
                static string Bits<T>(ref T record) where T : unmanaged
                {
                    var bytes = MemoryMarshal.AsBytes(new System.Span<T>(Unsafe.AsPointer(ref record), 1));
                    var set = new System.Collections.Generic.List<int>();
                    for (var i = 0; i < bytes.Length * 8; i++)
                        if ((bytes[i / 8] & (1 << (i % 8))) != 0)
                            set.Add(i);
                    return string.Join(",", set);
                }
                public static System.Collections.Generic.List<string> Run()
                {
                    var lines = new System.Collections.Generic.List<string>();

            """);
        var n = 0;
        foreach (var plan in plans)
        {
            var local = $"r{n++}";
            var spelling = plan.Record.CSpelling!;
            text.Append($"        {{ var {local} = default({plan.FullName}); ref byte root = ref Unsafe.As<{plan.FullName}, byte>(ref {local});\n");
            text.Append($"          lines.Add(\"S\\t{spelling}\\t\\t\" + Unsafe.SizeOf<{plan.FullName}>());\n");
            Walk(text, plan, local, "", spelling, plan.FullName, local);
            text.Append("        }\n");
        }
        text.Append("        return lines;\n    }\n}\n");
        return text.ToString();
    }

    private static void Walk(StringBuilder text, RecordPlan plan, string access, string cPath, string spelling, string rootType, string rootLocal)
    {
        foreach (var m in plan.Members.Where(m => m.CName is not null))
        {
            var cs = $"{access}.{m.Name}";
            var c = cPath.Length == 0 ? m.CName! : $"{cPath}.{m.CName}";
            var head = $"\"{m.Kind switch { MemberKind.Field => 'O', MemberKind.View => 'V', MemberKind.Flexible => 'F', _ => 'B' }}\\t{spelling}\\t{c}\\t\"";
            var elements = string.Concat(m.Field!.ArrayDimensions.Skip(m.Kind == MemberKind.Flexible ? 1 : 0).Select(_ => "[0]"));
            switch (m.Kind)
            {
                case MemberKind.Field:
                    text.Append($"          lines.Add({head} + Off(ref root, ref {cs}) + \"\\t\" + Size(ref {cs}));\n");
                    if (m.Nested is not null)
                        Walk(text, m.Nested, cs + elements, c + elements, spelling, rootType, rootLocal);
                    break;
                case MemberKind.View:
                    text.Append($"          lines.Add({head} + Off(ref root, ref {cs}));\n");
                    if (m.Nested is not null)
                        Walk(text, m.Nested, cs, c, spelling, rootType, rootLocal);
                    break;
                case MemberKind.Flexible:
                    var first = $"{cs}(1)[0]";
                    text.Append($"          lines.Add({head} + Off(ref root, ref {first}) + \"\\t\" + Size(ref {first}));\n");
                    if (m.Nested is not null)
                        Walk(text, m.Nested, first + elements, c + "[0]" + elements, spelling, rootType, rootLocal);
                    break;
                case MemberKind.Bitfield:
                    // All ones, then 1: where the bits land shows the place and the order; reading back shows the mask.
                    var signed = m.Field.Type.IsSigned && m.Field.Type.Integer != CIntegerKind.Bool;
                    var ones = signed ? $"unchecked(({m.Type})(-1))" : $"{m.Type}.MaxValue";
                    var expect = signed ? "-1" : $"(({m.Type})(({m.Type})1 << {m.Field.BitWidth} - 1) * 2 - 1)";
                    if (!signed && m.Field.BitWidth >= 64)
                        expect = $"{m.Type}.MaxValue";
                    text.Append($"          {{ {rootLocal} = default; {cs} = {ones}; var all = Bits(ref {rootLocal}); var back = {cs} == {expect};\n");
                    text.Append($"            {rootLocal} = default; {cs} = 1; var one = Bits(ref {rootLocal}); back &= {cs} == {(signed && m.Field.BitWidth == 1 ? "-1" : "1")};\n");
                    text.Append($"            lines.Add({head} + all + \"\\t\" + one + \"\\t\" + back); {rootLocal} = default; }}\n");
                    break;
            }
        }
    }

    public static List<ProbedFact> Parse(IEnumerable<string> lines)
        => lines.Select(l => l.Split('\t')).Select(p => new ProbedFact(p[0][0], p[1], p[2], p.Skip(3).ToArray())).ToList();
}
