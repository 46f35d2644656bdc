using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KvmSharp.Cli.Diff;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;

namespace KvmSharp.Tests.Diff;

/// <summary>
/// Holds what a diff report says against clang-14 on both trees, independently of the front-end: every value the
/// report implies (an unchanged constant, enumerator or ioctl request keeps its old value in the new tree; a changed or
/// added one has the value the report prints) as a <c>_Static_assert</c> clang evaluates in each tree; and every
/// record both trees have by clang's own record layout dump, which must be the same exactly when the report says the
/// record did not change.
/// </summary>
internal static class DiffClaims
{
    private static readonly Regex Located = new(@"\((?:anonymous|unnamed)(?: struct| union)? at [^)]*\)");

    /// <summary>Every claim clang contradicts, and how many claims were checked.</summary>
    public static (List<string> Wrong, int Checked) Check(AbiDiffReport report, HeaderModel old, HeaderModel @new, TargetArch arch,
        IReadOnlyList<string> oldFolders, IReadOnlyList<string> newFolders)
    {
        var wrong = new List<string>();
        var changed = report.Changes.Where(c => c.Change != AbiChangeKind.Removed)
            .ToDictionary(c => (c.Item == AbiItemKind.Record ? "record " : "value ") + c.Name, StringComparer.Ordinal);

        // Values: the old tree holds the old model's; the new tree the old value unless the report says it changed.
        var oldValues = Values(old);
        var newClaims = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (name, value) in Values(@new))
        {
            if (changed.TryGetValue("value " + name, out var change))
                newClaims[name] = ClaimedValue(change);
            else if (oldValues.TryGetValue(name, out var before))
                newClaims[name] = before;
        }
        var work = Directory.CreateTempSubdirectory("kvmsharp-diffclaims-").FullName;
        try
        {
            wrong.AddRange(Assertions(oldValues, arch, oldFolders, work, "old"));
            wrong.AddRange(Assertions(newClaims, arch, newFolders, work, "new"));

            var records = old.Records.Select(r => r.Key).OfType<string>().Where(k => !k.StartsWith('_'))
                .Intersect(@new.Records.Select(r => r.Key).OfType<string>()).ToList();
            var oldLayouts = Layouts(old, records, arch, oldFolders, work, "old", wrong);
            var newLayouts = Layouts(@new, records, arch, newFolders, work, "new", wrong);
            foreach (var record in records)
            {
                if (!oldLayouts.TryGetValue(record, out var before) || !newLayouts.TryGetValue(record, out var after))
                {
                    wrong.Add($"record {record}: clang dumped no layout for it in one tree");
                    continue;
                }
                var reported = changed.ContainsKey("record " + record);
                if (reported && before == after)
                    wrong.Add($"record {record}: reported changed, but clang lays it out the same in both trees:\n{before}");
                if (!reported && before != after)
                    wrong.Add($"record {record}: reported unchanged, but clang's layouts differ:\nold:\n{before}\nnew:\n{after}");
            }
            return (wrong, oldValues.Count + newClaims.Count + records.Count);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Dictionary<string, ulong> Values(HeaderModel model)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var constant in model.Constants.Where(c => !c.Name.StartsWith('_')))
            values.TryAdd(constant.Name, constant.Value);
        foreach (var enumerator in model.Enums.SelectMany(e => e.Enumerators).Where(e => !e.Name.StartsWith('_')))
            values.TryAdd(enumerator.Name, enumerator.Value);
        return values;
    }

    // The report prints "64 (0x40)" for a value and "... = 0x4020ae46" for an ioctl.
    private static ulong ClaimedValue(AbiChange change)
    {
        var text = change.New!;
        var equals = text.LastIndexOf("= 0x", StringComparison.Ordinal);
        if (change.Item == AbiItemKind.Ioctl && equals >= 0)
            return ulong.Parse(text.AsSpan(equals + 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var space = text.IndexOf(' ');
        return ulong.Parse(space < 0 ? text : text[..space], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Assertions(Dictionary<string, ulong> values, TargetArch arch, IReadOnlyList<string> folders, string work, string side)
    {
        var names = values.Keys.ToList();
        var source = new StringBuilder("#include <linux/kvm.h>\n");
        const int firstLine = 2;
        foreach (var name in names)
            source.Append($"_Static_assert((unsigned long long)({name}) == {values[name]}ULL, \"{name}\");\n");
        var path = Path.Combine(work, side + "-values.c");
        File.WriteAllText(path, source.ToString());
        var run = ClangTool.Run(ClangTool.CommonArguments(arch.ClangTriple, folders)
            .Concat(new[] { "-fsyntax-only", "-ferror-limit=0", "-x", "c", path }));
        foreach (var error in run.Diagnostics.Where(d => d.IsError))
        {
            var index = error.Line - firstLine;
            yield return index >= 0 && index < names.Count && ClangProbes.SameFile(error.File, path)
                ? $"{side} tree: {names[index]} is not {values[names[index]]}: {error.Message}"
                : $"{side} tree: {error}";
        }
    }

    private static Dictionary<string, string> Layouts(HeaderModel model, List<string> keys, TargetArch arch, IReadOnlyList<string> folders,
        string work, string side, List<string> wrong)
    {
        var byKey = model.Records.Where(r => r.Key is not null).GroupBy(r => r.Key!).ToDictionary(g => g.Key, g => g.First());
        var source = new StringBuilder("#include <linux/kvm.h>\n");
        var spellings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var spelling = byKey[keys[i]].CSpelling!;
            spellings[spelling] = keys[i];
            source.Append($"char kvmsharp_layout_{i}[sizeof({spelling})];\n");
        }
        var path = Path.Combine(work, side + "-layouts.c");
        File.WriteAllText(path, source.ToString());
        var run = ClangTool.Run(ClangTool.CommonArguments(arch.ClangTriple, folders)
            .Concat(new[] { "-fsyntax-only", "-Xclang", "-fdump-record-layouts", "-x", "c", path }));
        if (run.ExitCode != 0)
            wrong.Add($"{side} tree: clang failed: {run.StandardError}");
        var roots = RecordLayoutDump.Parse(run.StandardOutput);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var root in roots)
            sizes.TryAdd(root.Type, root.Size);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            // A typedef-named record dumps as its own "struct (unnamed at ...)": matched by the typedef spelling instead.
            var key = spellings.TryGetValue(root.Type, out var k) ? k : null;
            if (key is null || result.ContainsKey(key))
                continue;
            var text = new StringBuilder($"size {root.Size} align {root.Align}\n");
            Describe(root, "", sizes, text);
            result[key] = text.ToString();
        }
        return result;
    }

    // One line per member that holds data, by path: an anonymous record's members count as the enclosing record's (as in
    // C), a named inline record adds its name; a member of a named record type is its offset, type and that record's size,
    // since a change inside that record is the report's entry for that record, not for this one. A flexible array is
    // one whether written x[0], x[] or through __DECLARE_FLEX_ARRAY's wrapper (whose empty struct holds nothing).
    private static void Describe(LayoutNode node, string prefix, Dictionary<string, long> sizes, StringBuilder text)
    {
        foreach (var child in node.Children)
        {
            if (Located.IsMatch(child.Type))
            {
                if (child.Children.Count > 0)
                    Describe(child, child.Name.Length == 0 ? prefix : prefix + child.Name + ".", sizes, text);
                continue;
            }
            var type = child.Type.Replace("[]", "[0]");
            var element = Regex.Replace(child.Type, @"(\[\d*\])+$", "");
            var size = sizes.TryGetValue(element, out var s) ? $" sizeof {s}" : "";
            var bits = child.IsBitfield ? $" bits {child.BitOffset}+{child.BitWidth}" : "";
            text.Append($"  {child.Offset} {type} {prefix}{child.Name}{bits}{size}\n");
        }
    }
}
