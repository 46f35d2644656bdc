using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// Compares every record of the model, field by field, with clang's record layout dump: the only view of
/// bitfields (byte, bit offset, width), anonymous members and unnamed bitfields, which C expressions cannot
/// name. Unnamed records are matched by the place clang names them after, which must be the model's
/// <see cref="RecordModel.Location"/>.
/// </summary>
internal sealed class LayoutComparison
{
    private readonly Dictionary<string, LayoutNode> named = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, int Line, int Column, bool Anonymous, string Kind), List<LayoutNode>> unnamed = new();
    private readonly Func<string, string> normalizePath;
    private readonly List<string> mismatches;
    private readonly Dictionary<string, TypedefModel> transparentTypedefs = new(StringComparer.Ordinal);

    public LayoutComparison(IEnumerable<LayoutNode> roots, Func<string, string> normalizePath, List<string> mismatches)
    {
        this.normalizePath = normalizePath;
        this.mismatches = mismatches;
        foreach (var root in roots)
        {
            if (RecordLayoutDump.UnnamedLocation(root.Type) is { } loc)
            {
                var key = (normalizePath(loc.File), loc.Line, loc.Column, loc.Anonymous, KindOf(root.Type));
                if (!unnamed.TryGetValue(key, out var list))
                    unnamed[key] = list = new List<LayoutNode>();
                list.Add(root);
            }
            else
            {
                named.TryAdd(root.Type, root);
            }
        }
    }

    /// <summary>How many records (named and inline) were compared.</summary>
    public int RecordsCompared { get; private set; }

    public void Compare(HeaderModel model)
    {
        // clang's dump prints a member whose type is a typedef of a record as the record, and the model
        // describes a member of array-typedef type by its element type and dimensions: both are the same
        // type as the typedef, so these typedefs are seen through before spellings are compared.
        foreach (var t in model.Typedefs)
            if (t.Target.Category == TypeCategory.Record || t.ArrayDimensions.Count > 0)
                transparentTypedefs.TryAdd(t.Name, t);

        foreach (var r in model.Records)
        {
            if (r.CSpelling is not { } spelling)
                continue;
            if (!named.TryGetValue(spelling, out var root))
            {
                mismatches.Add($"layout: {r.Key}: clang did not lay out `{spelling}` (no such record in clang's layout dump)");
                continue;
            }
            CompareRecord(r, root, 0, r.Key!, r.Key!, root.Size, root.Align);
        }
    }

    /// <param name="subject">Names the record in messages.</param>
    /// <param name="memberPrefix">Names its members: an anonymous record's members are named from the enclosing record, as C names them.</param>
    private void CompareRecord(RecordModel m, LayoutNode node, long baseOffset, string subject, string memberPrefix, long? size, int? align)
    {
        RecordsCompared++;
        if (size is { } s && m.Size != s)
            mismatches.Add($"layout: {subject}: sizeof model {m.Size}, clang says {s}");
        if (align is { } a && m.Align != a)
            mismatches.Add($"layout: {subject}: _Alignof model {m.Align}, clang says {a}");
        if (m.Fields.Count != node.Children.Count)
        {
            mismatches.Add($"layout: {subject}: members model {m.Fields.Count} [{string.Join(", ", m.Fields.Select(f => f.Name ?? "<unnamed>"))}], " +
                $"clang says {node.Children.Count} [{string.Join(", ", node.Children.Select(c => c.Name.Length == 0 ? "<unnamed>" : c.Name))}]");
            return;
        }
        for (var i = 0; i < m.Fields.Count; i++)
        {
            var f = m.Fields[i];
            var what = f.Name ?? (f.InlineRecord is { } r ? $"<anonymous {r.Kind.ToString().ToLowerInvariant()} #{i}>" : $"<unnamed bitfield #{i}>");
            CompareField(f, node.Children[i], baseOffset, $"{memberPrefix}.{what}", f.Name is null ? memberPrefix : $"{memberPrefix}.{f.Name}");
        }
    }

    private void CompareField(FieldModel f, LayoutNode c, long baseOffset, string subject, string memberPrefix)
    {
        if ((f.Name ?? "") != c.Name)
            mismatches.Add($"layout: {subject}: name model {f.Name ?? "<none>"}, clang says {(c.Name.Length == 0 ? "<none>" : c.Name)}");

        if (c.IsBitfield)
        {
            if (!f.IsBitfield)
                mismatches.Add($"layout: {subject}: bitfield model no, clang says a bitfield of width {c.BitWidth}");
            else
                CompareBitfield(f, c, baseOffset, subject);
        }
        else
        {
            if (f.IsBitfield)
                mismatches.Add($"layout: {subject}: bitfield model width {f.BitWidth}, clang says not a bitfield");
            if (f.Offset != c.Offset - baseOffset)
                mismatches.Add($"layout: {subject}: offset model {f.Offset}, clang says {c.Offset - baseOffset}");
        }

        var clangPlace = RecordLayoutDump.UnnamedLocation(c.Type);
        if (f.InlineRecord is not { } inner)
        {
            if (clangPlace is not null)
                mismatches.Add($"layout: {subject}: type model `{f.Type.Spelling}` with no inline record, clang says `{c.Type}`");
            else
            {
                var spelled = TypeSpelling.WithDimensions(f.Type.Spelling, f.ArrayDimensions, f.Flexible);
                if (SeeThrough(TypeSpelling.Normalize(spelled)) != SeeThrough(TypeSpelling.Normalize(c.Type)))
                    mismatches.Add($"layout: {subject}: type spelling model `{spelled}`, clang says `{c.Type}`");
            }
            return;
        }
        if (clangPlace is not { } place)
        {
            mismatches.Add($"layout: {subject}: type model an unnamed {inner.Kind.ToString().ToLowerInvariant()}, clang says `{c.Type}`");
            return;
        }
        CompareInline(f, inner, c, place, subject, memberPrefix);
    }

    private void CompareBitfield(FieldModel f, LayoutNode c, long baseOffset, string subject)
    {
        var width = c.BitWidth!.Value;
        var bit = c.BitOffset - baseOffset * 8;
        // Offset is the byte holding the first bit, Size the bytes the bits span (none for ": 0").
        var bytes = width == 0 ? 0 : (bit + width - 1) / 8 - bit / 8 + 1;
        if (f.BitWidth != width)
            mismatches.Add($"layout: {subject}: bit width model {f.BitWidth}, clang says {width}");
        if (f.BitOffset != bit)
            mismatches.Add($"layout: {subject}: bit offset model {f.BitOffset?.ToString() ?? "null"}, clang says {bit}");
        if (f.Offset != bit / 8)
            mismatches.Add($"layout: {subject}: offset (byte of the first bit) model {f.Offset}, clang says {bit / 8}");
        if (f.Size != bytes)
            mismatches.Add($"layout: {subject}: size (bytes spanned) model {f.Size}, clang says {bytes}");
    }

    private void CompareInline(FieldModel f, RecordModel inner, LayoutNode c, (string File, int Line, int Column, bool Anonymous) place,
        string subject, string memberPrefix)
    {
        var kind = KindOf(c.Type);
        if (inner.Kind.ToString().ToLowerInvariant() != kind)
            mismatches.Add($"layout: {subject}: kind model {inner.Kind.ToString().ToLowerInvariant()}, clang says {kind}");
        var clangFile = normalizePath(place.File);
        if (normalizePath(inner.Location.File) != clangFile || inner.Location.Line != place.Line || inner.Location.Column != place.Column)
            mismatches.Add($"layout: {subject}: inline record location model {inner.Location}, clang says {place.File}:{place.Line}:{place.Column}");
        if (place.Anonymous != (f.Name is null))
            mismatches.Add($"layout: {subject}: anonymous member model {f.Name is null}, clang says {place.Anonymous}");

        // The record's own dump gives its size and alignment; several unnamed records can share a place when
        // one macro expansion declares them, so prefer the one with the same number of members.
        unnamed.TryGetValue((clangFile, place.Line, place.Column, place.Anonymous, kind), out var candidates);
        var own = candidates?.FirstOrDefault(n => n.Children.Count == inner.Fields.Count) ?? candidates?.FirstOrDefault();
        var elements = TypeSpelling.Elements(f.ArrayDimensions);
        if (own is not null && f.Flexible == FlexibleArrayKind.None && f.Size != own.Size * elements)
            mismatches.Add($"layout: {subject}: size model {f.Size}, clang says {own.Size * elements}");

        // The parent's dump expands a member of record type in place (absolute offsets), except arrays.
        if (f.ArrayDimensions.Count == 0 && (c.Children.Count > 0 || own is null))
            CompareRecord(inner, c, c.Offset, subject, memberPrefix, own?.Size, own?.Align);
        else if (own is not null)
            CompareRecord(inner, own, 0, subject, memberPrefix, own.Size, own.Align);
        else
            mismatches.Add($"layout: {subject}: clang dumped no layout for `{c.Type}`");
    }

    private static readonly System.Text.RegularExpressions.Regex TypedefUse = new(@"^(?<name>[A-Za-z_]\w*)(?<dims>(?:\[\d*\])*)$");

    /// <summary><c>names[3]</c> with <c>typedef char name16[16]; typedef name16 names[2];</c> is <c>char[3][2][16]</c>.</summary>
    private string SeeThrough(string spelling)
    {
        for (var guard = 0; guard < 32; guard++)
        {
            var m = TypedefUse.Match(spelling);
            if (!m.Success || !transparentTypedefs.TryGetValue(m.Groups["name"].Value, out var t))
                return spelling;
            spelling = TypeSpelling.Normalize(m.Groups["dims"].Value.Length == 0 && t.ArrayDimensions.Count == 0
                ? t.Target.Spelling
                : t.Target.Spelling + m.Groups["dims"].Value + string.Concat(t.ArrayDimensions.Select(d => $"[{d}]")));
        }
        return spelling;
    }

    private static string KindOf(string type) => type.StartsWith("union", StringComparison.Ordinal) ? "union" : "struct";
}
