using System.Text.RegularExpressions;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Diff;

/// <summary>
/// Compares two layouts of one struct or union. The record's size and alignment, and the offset, size, type, array
/// dimensions and bits of every field a program may use, are the ABI; a field whose name says it is reserved
/// (<c>pad</c>, <c>reserved</c>, <c>rsvd</c>, <c>padding</c>, <c>unused</c>, <c>spare</c>) is the room the uAPI keeps
/// for growth, so new fields may take its bytes, and a field may come where the old layout had implicit padding or
/// another member of a union, as long as the size stays.
/// </summary>
internal static class RecordComparison
{
    private static readonly Regex Reserved = new(@"^_*(pad|padding|reserved|rsvd|resv|unused|spare)\w*$", RegexOptions.IgnoreCase);

    /// <summary>One member that holds data, with its place from the start of the outermost record.</summary>
    private sealed record Leaf(string Path, long Offset, long Size, string Type, int? BitOffset, int? BitWidth)
    {
        public bool IsReserved => Reserved.IsMatch(Path.Substring(Path.LastIndexOf('.') + 1));

        public string Shape => $"{Type} at {Offset}" + (BitWidth is { } w ? $" bits {BitOffset}+{w}" : $" size {Size}");
    }

    /// <summary>What differs: the breaks, and the compatible changes.</summary>
    public static (List<string> Breaks, List<string> Compatible) Compare(RecordModel old, RecordModel @new)
    {
        var breaks = new List<string>();
        var compatible = new List<string>();
        if (old.Kind != @new.Kind)
            breaks.Add($"{Kind(old)} became a {Kind(@new)}");
        if (old.Size != @new.Size)
            breaks.Add($"size {old.Size} -> {@new.Size}");
        if (old.Align != @new.Align)
            breaks.Add($"alignment {old.Align} -> {@new.Align}");
        if (old.IsPacked != @new.IsPacked)
            breaks.Add(@new.IsPacked ? "now packed" : "no longer packed");

        var oldLeaves = Leaves(old);
        var newLeaves = Leaves(@new);
        var newByPath = newLeaves.GroupBy(l => l.Path).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var oldPaths = new HashSet<string>(oldLeaves.Select(l => l.Path), StringComparer.Ordinal);
        var renamedTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var before in oldLeaves)
        {
            if (newByPath.TryGetValue(before.Path, out var after))
            {
                var what = Differences(before, after);
                if (what.Count == 0)
                    continue;
                (before.IsReserved ? compatible : breaks).Add($"field {before.Path}: {string.Join(", ", what)}");
                continue;
            }
            if (before.IsReserved)
            {
                compatible.Add($"reserved field {before.Path} ({before.Shape}) taken");
                continue;
            }
            // Same bytes and type under another name: programs built against the old header still work.
            var same = newLeaves.FirstOrDefault(l => !oldPaths.Contains(l.Path) && !renamedTo.Contains(l.Path) && Differences(before, l).Count == 0);
            if (same is not null)
            {
                renamedTo.Add(same.Path);
                compatible.Add($"field {before.Path} renamed {same.Path}");
                continue;
            }
            breaks.Add($"field {before.Path} ({before.Shape}) removed");
        }
        foreach (var after in newLeaves.Where(l => !oldPaths.Contains(l.Path) && !renamedTo.Contains(l.Path)))
        {
            var room = oldLeaves.Any(l => l.IsReserved && Overlaps(l, after)) ? "in reserved space"
                : old.Kind == RecordKind.Union || Overlaps(oldLeaves, after) ? "beside existing members"
                : after.Offset >= old.Size ? "past the old end"
                : "in padding";
            (after.IsReserved || old.Size == @new.Size ? compatible : breaks).Add($"field {after.Path} ({after.Shape}) added {room}");
        }
        return (breaks, compatible);
    }

    /// <summary>The record's shape in one line: <c>struct, size 16, align 8</c>.</summary>
    public static string Describe(RecordModel record)
        => $"{Kind(record)}, size {record.Size}, align {record.Align}, {Leaves(record).Count} fields";

    private static string Kind(RecordModel record) => record.Kind == RecordKind.Struct ? "struct" : "union";

    private static List<string> Differences(Leaf before, Leaf after)
    {
        var what = new List<string>();
        if (before.Offset != after.Offset)
            what.Add($"offset {before.Offset} -> {after.Offset}");
        if (before.Size != after.Size)
            what.Add($"size {before.Size} -> {after.Size}");
        if (before.Type != after.Type)
            what.Add($"type {before.Type} -> {after.Type}");
        if (before.BitOffset != after.BitOffset || before.BitWidth != after.BitWidth)
            what.Add($"bits {Bits(before)} -> {Bits(after)}");
        return what;
    }

    private static string Bits(Leaf leaf) => leaf.BitWidth is { } w ? $"{leaf.BitOffset}+{w}" : "none";

    private static bool Overlaps(Leaf a, Leaf b) => a.Offset < b.Offset + Math.Max(b.Size, 1) && b.Offset < a.Offset + Math.Max(a.Size, 1);

    private static bool Overlaps(List<Leaf> leaves, Leaf added) => leaves.Any(l => !l.IsReserved && Overlaps(l, added));

    private static List<Leaf> Leaves(RecordModel record)
    {
        var leaves = new List<Leaf>();
        Collect(record, "", 0, leaves);
        return leaves;
    }

    // Anonymous members' fields belong to the enclosing record, as in C; a named inline record adds its name to the path.
    private static void Collect(RecordModel record, string prefix, long baseOffset, List<Leaf> leaves)
    {
        foreach (var field in record.Fields)
        {
            var offset = baseOffset + field.Offset;
            if (field.InlineRecord is { } inline && field.ArrayDimensions.Count == 0)
            {
                Collect(inline, field.Name is null ? prefix : prefix + field.Name + ".", offset, leaves);
                continue;
            }
            var type = field.InlineRecord is { } element ? $"{Kind(element)} {{size {element.Size}}}" : field.Type.Spelling;
            if (field.ArrayDimensions.Count > 0)
                type += string.Concat(field.ArrayDimensions.Select(d => $"[{d}]"));
            // An unnamed bitfield is padding the compiler is told to leave: it holds nothing a program reads.
            if (field.Name is null)
                continue;
            leaves.Add(new Leaf(prefix + field.Name, offset, field.Size, type,
                field.BitOffset is { } bits ? bits + (int)(baseOffset * 8) : null, field.BitWidth));
        }
    }
}
