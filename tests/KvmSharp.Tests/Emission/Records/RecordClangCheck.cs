using System.Reflection;
using System.Text;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Model;
using KvmSharp.Tests.Oracle;

namespace KvmSharp.Tests.Emission.Records;

/// <summary>What the clang check of generated records found and how much it checked.</summary>
internal sealed record RecordCheckReport(List<string> Mismatches, int Records, int Members, int Bitfields)
{
    public string Describe() => $"{Mismatches.Count} mismatches between generated C# and clang-14 ({Records} records, {Members} members, {Bitfields} bitfields):\n  "
        + string.Join("\n  ", Mismatches.Take(60));
}

/// <summary>
/// Generated C# against the C compiler, not against the model: the probe measures every generated member
/// in the loaded assembly; sizes and offsets become <c>_Static_assert</c>s that clang-14 compiles for the
/// target (an anonymous member is transparent in a C designator, as its forwarders are in C#); bitfields,
/// which <c>offsetof</c> cannot name, are compared bit by bit with clang's record layout dump.
/// </summary>
internal static class RecordClangCheck
{
    public static RecordCheckReport Run(HeaderModel model, TargetArch arch, IReadOnlyList<string> includeDirectories, string header)
    {
        var options = new EmitOptions("KvmSharp.Probe");
        var planner = new RecordPlanner(model, options);
        var plans = planner.Plan().Where(p => model.Records.Count(r => r.Key == p.Record.Key) == 1).ToList();
        var sources = RecordSources.Emit(model, options);
        var assembly = GeneratedCompilation.Load(sources, RecordProbe.Source(plans, options.Namespace));
        var run = assembly.GetType($"{options.Namespace}.{RecordProbe.ClassName}")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
        var facts = RecordProbe.Parse((List<string>)run.Invoke(null, null)!);

        var mismatches = new List<string>();
        var work = Directory.CreateTempSubdirectory("kvmsharp-records-").FullName;
        try
        {
            var c = new StringBuilder($"#include <{header}>\n");
            var lines = new Dictionary<int, ProbedFact>();
            var line = 1;
            foreach (var fact in facts)
            {
                if (Assertion(fact) is not { } assertion)
                    continue;
                c.Append(assertion).Append('\n');
                lines[++line] = fact;
            }
            var path = Path.Combine(work, "records.c");
            File.WriteAllText(path, c.ToString());
            var clang = ClangTool.Run(ClangTool.CommonArguments(arch.ClangTriple, includeDirectories.Select(Path.GetFullPath))
                .Concat(new[] { "-fsyntax-only", "-ferror-limit=0", "-Wno-gnu-empty-struct", "-Xclang", "-fdump-record-layouts", "-x", "c", path }));
            foreach (var d in clang.Diagnostics.Where(d => d.IsError))
            {
                mismatches.Add(lines.TryGetValue(d.Line, out var fact)
                    ? $"{fact.Spelling}: {fact.Kind} {fact.Path} C# says [{string.Join(", ", fact.Values)}], clang disagrees: {d.Message}"
                    : $"clang: {d}");
            }
            var bitfields = facts.Where(f => f.Kind == 'B').ToList();
            CompareBitfields(bitfields, RecordLayoutDump.Parse(clang.StandardOutput), arch.IsBigEndian, mismatches);
            return new RecordCheckReport(mismatches, facts.Count(f => f.Kind == 'S'), facts.Count(f => f.Kind is 'O' or 'V' or 'F'), bitfields.Count);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string? Assertion(ProbedFact fact)
    {
        var t = fact.Spelling;
        var member = $"((({t} *)0)->{fact.Path})";
        var label = $"\"{fact.Kind} {t} {fact.Path}\"";
        return fact.Kind switch
        {
            // C# has no empty struct: a record of C size 0 is 1 byte (documented on the struct).
            'S' => $"_Static_assert(sizeof({t}) == {fact.Values[0]}{(fact.Values[0] == "1" ? $" || sizeof({t}) == 0" : "")}, {label});",
            'O' => $"_Static_assert(__builtin_offsetof({t}, {fact.Path}) == {fact.Values[0]} && sizeof{member} == {fact.Values[1]}, {label});",
            'V' => $"_Static_assert(__builtin_offsetof({t}, {fact.Path}) == {fact.Values[0]} && sizeof{member} == 0, {label});",
            'F' => $"_Static_assert(__builtin_offsetof({t}, {fact.Path}) == {fact.Values[0]} && sizeof({member}[0]) == {fact.Values[1]}, {label});",
            _ => null,
        };
    }

    private static void CompareBitfields(List<ProbedFact> bitfields, List<LayoutNode> roots, bool bigEndian, List<string> mismatches)
    {
        var named = new Dictionary<string, LayoutNode>(StringComparer.Ordinal);
        foreach (var root in roots)
            named.TryAdd(root.Type, root);
        foreach (var fact in bitfields)
        {
            if (!named.TryGetValue(fact.Spelling, out var root))
            {
                mismatches.Add($"{fact.Spelling}: clang dumped no layout");
                continue;
            }
            if (Find(root, fact.Path, 0, roots) is not { } found || found.Node.BitWidth is not { } width)
            {
                mismatches.Add($"{fact.Spelling}: {fact.Path}: clang's dump has no such bitfield");
                continue;
            }
            var first = found.Base * 8 + found.Node.BitOffset;
            var all = Enumerable.Range(0, width).Select(i => Physical(first + i, bigEndian)).OrderBy(b => b);
            // The value's least significant bit is the first allocated on little-endian, the last on big-endian.
            var one = Physical(bigEndian ? first + width - 1 : first, bigEndian);
            var what = $"{fact.Spelling}: bitfield {fact.Path} ({width} bits at bit {first})";
            if (fact.Values[0] != string.Join(",", all))
                mismatches.Add($"{what}: all ones set bits [{fact.Values[0]}], clang's layout wants [{string.Join(",", all)}]");
            if (fact.Values[1] != one.ToString())
                mismatches.Add($"{what}: 1 set bits [{fact.Values[1]}], clang's layout wants [{one}]");
            if (fact.Values[2] != "True")
                mismatches.Add($"{what}: reading back what was written gave another value");
        }
    }

    /// <summary>Bit <paramref name="allocation"/> in allocation order as byte * 8 + bit from the least significant.</summary>
    private static long Physical(long allocation, bool bigEndian) => bigEndian ? allocation / 8 * 8 + 7 - allocation % 8 : allocation;

    /// <summary>
    /// The dump node a designator names, looking through anonymous members, and the byte offset its dump's
    /// offsets are relative to: clang expands members in place (absolute offsets) but not array elements,
    /// whose unnamed record has a dump of its own.
    /// </summary>
    private static (LayoutNode Node, long Base)? Find(LayoutNode node, string path, long @base, List<LayoutNode> roots)
    {
        var dot = path.IndexOf('.');
        var head = dot < 0 ? path : path[..dot];
        var rest = dot < 0 ? null : path[(dot + 1)..];
        var bracket = head.IndexOf('[');
        var name = bracket < 0 ? head : head[..bracket];
        if (Child(node, name) is not { } child)
            return null;
        if (rest is null)
            return (child, @base);
        if (bracket < 0)
            return Find(child, rest, @base, roots);
        // Element 0 of an array of records: the element's own dump, based at the array's offset.
        var element = RecordLayoutDump.UnnamedLocation(child.Type) is { } at
            ? roots.FirstOrDefault(r => RecordLayoutDump.UnnamedLocation(r.Type) is { } p && p.File == at.File && p.Line == at.Line && p.Column == at.Column)
            : roots.FirstOrDefault(r => child.Type.StartsWith(r.Type + "[", StringComparison.Ordinal));
        return element is null ? null : Find(element, rest, @base + child.Offset, roots);
    }

    private static LayoutNode? Child(LayoutNode node, string name)
    {
        foreach (var child in node.Children)
        {
            if (child.Name == name)
                return child;
            if (child.Name.Length == 0 && !child.IsBitfield && Child(child, name) is { } inner)
                return inner;
        }
        return null;
    }
}
