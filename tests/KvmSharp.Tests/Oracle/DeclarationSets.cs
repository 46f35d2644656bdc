using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// Completeness, both ways: the records, enums, enumerators and typedefs of the model against those clang's
/// AST holds, plus what only the AST tells: where each record's keyword stands and whether it is packed.
/// </summary>
internal static class DeclarationSets
{
    public static void Compare(HeaderModel model, AstInventory ast, Func<string, string> normalizePath, List<string> mismatches)
    {
        var astRecords = ast.Records.Where(r => (r.Tag ?? r.TypedefName) is not null)
            .GroupBy(r => (r.Tag ?? r.TypedefName)!).ToDictionary(g => g.Key, g => g.First());
        var modelRecords = model.Records.Where(r => r.Key is not null).GroupBy(r => r.Key!).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (key, list) in modelRecords.Where(p => p.Value.Count > 1))
            mismatches.Add($"record-set: {key}: the model has {list.Count} records with this key");
        SetDifference("record-set", "record", modelRecords.Keys, astRecords.Keys, mismatches);

        foreach (var r in model.Records)
        {
            if (r.Key is null || !astRecords.TryGetValue(r.Key, out var a))
                continue;
            if (a.Kind != r.Kind.ToString().ToLowerInvariant())
                mismatches.Add($"record-set: {r.Key}: kind model {r.Kind.ToString().ToLowerInvariant()}, clang says {a.Kind}");
            if (a.Tag is null && r.Tag is not null)
                mismatches.Add($"record-set: {r.Key}: tag model {r.Tag}, clang says the record has no tag");
            if (a.Begin is { } begin && !Same(r.Location, begin, normalizePath))
                mismatches.Add($"location: {r.Key}: location of the `{a.Kind}` keyword model {r.Location}, clang says {begin}");
            if (r.IsPacked != a.IsPacked)
                mismatches.Add($"record: {r.Key}: IsPacked model {r.IsPacked}, clang says {a.IsPacked}");
            InlinePacking(r, r.Key, ast, normalizePath, mismatches);
        }

        var modelEnums = model.Enums.Select(e => e.Tag ?? e.TypedefName).OfType<string>();
        SetDifference("enum-set", "enum", modelEnums, ast.EnumNames, mismatches);
        SetDifference("enum-set", "enumerator", model.Enums.SelectMany(e => e.Enumerators).Select(v => v.Name), ast.Enumerators, mismatches);
        // A typedef that names an unnamed record or enum may be in Typedefs or not: the record or enum
        // carries the name either way.
        var modelTypedefs = model.Typedefs.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        SetDifference("typedef-set", "typedef", modelTypedefs,
            ast.Typedefs.Where(t => !ast.TypedefsOfUnnamed.Contains(t) || modelTypedefs.Contains(t)), mismatches);
    }

    // An unnamed record found by its place: the AST prints the spelling place, which is the model's
    // Location except inside a macro expansion (then there is nothing to match, and the layout dump has
    // already checked the place clang uses).
    private static void InlinePacking(RecordModel record, string subject, AstInventory ast, Func<string, string> normalizePath, List<string> mismatches)
    {
        foreach (var f in record.Fields)
        {
            if (f.InlineRecord is not { } inner)
                continue;
            var name = $"{subject}.{f.Name ?? "<anonymous>"}";
            var a = ast.Records.FirstOrDefault(x => x.Tag is null && x.Begin is { } b && Same(inner.Location, b, normalizePath));
            if (a is not null && a.IsPacked != inner.IsPacked)
                mismatches.Add($"record: {name}: IsPacked model {inner.IsPacked}, clang says {a.IsPacked}");
            InlinePacking(inner, name, ast, normalizePath, mismatches);
        }
    }

    private static bool Same(SourceLocation model, AstPlace clang, Func<string, string> normalizePath)
        => model.Line == clang.Line && model.Column == clang.Column && normalizePath(model.File) == normalizePath(clang.File);

    /// <summary>Reports names only the model has and names only clang has.</summary>
    public static void SetDifference(string category, string what, IEnumerable<string> model, IEnumerable<string> clang, List<string> mismatches)
    {
        var m = new HashSet<string>(model, StringComparer.Ordinal);
        var c = new HashSet<string>(clang, StringComparer.Ordinal);
        foreach (var name in m.Where(n => !c.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
            mismatches.Add($"{category}: {name}: {what} in the model, clang has no such {what}");
        foreach (var name in c.Where(n => !m.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
            mismatches.Add($"{category}: {name}: {what} clang has, missing from the model");
    }
}
