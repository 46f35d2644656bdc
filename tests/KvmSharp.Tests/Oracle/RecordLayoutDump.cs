using System.Text.RegularExpressions;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// One line of clang's <c>-fdump-record-layouts</c> output and the member lines nested under it.
/// Offsets are absolute: from the start of the record whose dump this is, not from the parent line.
/// </summary>
internal sealed class LayoutNode
{
    public required long Offset { get; init; }
    /// <summary>First bit within <see cref="Offset"/>'s byte, for a bitfield.</summary>
    public int? FirstBit { get; init; }
    /// <summary>Width of a bitfield (0 for <c>: 0</c>), null for other members.</summary>
    public int? BitWidth { get; init; }
    /// <summary>The type as clang prints it (<c>__u8[4]</c>, <c>union kvm_run::(anonymous at F:L:C)</c>).</summary>
    public required string Type { get; init; }
    /// <summary>The member name; empty for an anonymous record or an unnamed bitfield; for a root, empty.</summary>
    public required string Name { get; init; }
    public List<LayoutNode> Children { get; } = new();

    /// <summary>For a dump's root: <c>[sizeof=N, align=N]</c>.</summary>
    public long Size { get; set; }
    public int Align { get; set; }

    public bool IsBitfield => BitWidth is not null;

    /// <summary>Absolute bit offset of a bitfield's first bit.</summary>
    public long BitOffset => Offset * 8 + (FirstBit ?? 0);
}

/// <summary>
/// Parses <c>-Xclang -fdump-record-layouts</c> output: one block per laid-out record, each starting with
/// <c>*** Dumping AST Record Layout</c>; member lines are indented two spaces per nesting level after the
/// <c>|</c>; bitfields show as <c>BYTE:FIRST-LAST</c> (<c>BYTE:-</c> when zero-width).
/// </summary>
internal static class RecordLayoutDump
{
    private static readonly Regex OffsetField = new(@"^\s*(?<byte>\d+)(?::(?:(?<first>\d+)-(?<last>\d+)|(?<zero>-)))?\s*$");
    private static readonly Regex SizeLine = new(@"\[sizeof=(?<size>\d+),\s*align=(?<align>\d+)");
    private static readonly Regex Unnamed = new(@"\((?<how>unnamed|anonymous)(?: struct| union)? at (?<file>.+?):(?<line>\d+):(?<col>\d+)\)");

    /// <summary>Every dumped record, in dump order; a record may be dumped more than once.</summary>
    public static List<LayoutNode> Parse(string dump)
    {
        var roots = new List<LayoutNode>();
        var stack = new List<LayoutNode>();
        LayoutNode? root = null;
        foreach (var raw in dump.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("*** Dumping AST Record Layout", StringComparison.Ordinal))
            {
                root = null;
                stack.Clear();
                continue;
            }
            var bar = line.IndexOf('|');
            if (bar < 0)
                continue;
            var left = line[..bar];
            var right = bar + 2 <= line.Length ? line[(bar + 2)..] : "";
            if (root is not null && string.IsNullOrWhiteSpace(left))
            {
                var size = SizeLine.Match(right);
                if (size.Success)
                {
                    root.Size = long.Parse(size.Groups["size"].Value);
                    root.Align = int.Parse(size.Groups["align"].Value);
                }
                continue;
            }
            var offset = OffsetField.Match(left);
            if (!offset.Success)
                continue;
            var indent = right.Length - right.TrimStart(' ').Length;
            var depth = indent / 2;
            var text = right[indent..];
            if (depth == 0)
            {
                root = new LayoutNode { Offset = 0, Type = text, Name = "" };
                roots.Add(root);
                stack.Clear();
                stack.Add(root);
                continue;
            }
            if (root is null || depth > stack.Count)
                continue;
            // The name is the last word; an anonymous member or unnamed bitfield prints the type then a space.
            var space = text.LastIndexOf(' ');
            var node = new LayoutNode
            {
                Offset = long.Parse(offset.Groups["byte"].Value),
                FirstBit = offset.Groups["first"].Success ? int.Parse(offset.Groups["first"].Value)
                    : offset.Groups["zero"].Success ? 0 : null,
                BitWidth = offset.Groups["first"].Success
                    ? int.Parse(offset.Groups["last"].Value) - int.Parse(offset.Groups["first"].Value) + 1
                    : offset.Groups["zero"].Success ? 0 : null,
                Type = space < 0 ? text : text[..space],
                Name = space < 0 ? "" : text[(space + 1)..],
            };
            stack.RemoveRange(depth, stack.Count - depth);
            stack[depth - 1].Children.Add(node);
            stack.Add(node);
        }
        return roots;
    }

    /// <summary>Where clang says an unnamed record was declared, from a name like <c>struct a::(unnamed at F:L:C)</c>.</summary>
    public static (string File, int Line, int Column, bool Anonymous)? UnnamedLocation(string type)
    {
        var m = Unnamed.Match(type);
        if (!m.Success)
            return null;
        return (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value),
            m.Groups["how"].Value == "anonymous");
    }
}
