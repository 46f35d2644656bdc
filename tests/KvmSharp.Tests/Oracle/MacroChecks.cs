using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// Which object-like macros of the header are integer constant expressions, as clang decides: each macro
/// is put in a <c>case</c> label of its own (a case label must be an integer constant expression), in a
/// function of its own on a line of its own, and compiled once with <c>-Werror=gnu-folding-constant</c> so
/// that what clang only accepts by folding counts as not constant. The model's constants must be exactly
/// the macros that pass; its non-constants exactly those that do not.
/// </summary>
internal static class MacroChecks
{
    public static void AddIceChecks(CheckFile file, IEnumerable<HeaderMacro> macros)
    {
        var i = 0;
        foreach (var m in macros.Where(m => !m.IsFunctionLike && !m.IsPredefined))
            file.AddLine($"void __kvmsharp_ice_{i++}(void) {{ switch (0) {{ case ({m.Name}): ; }} }}", new IceCheck(m.Name));
    }

    /// <param name="notConstant">Macros whose case label clang rejected, with its first error.</param>
    public static void Compare(HeaderModel model, IReadOnlyList<HeaderMacro> macros, IReadOnlyDictionary<string, string> notConstant,
        Func<string, string[]?> readLines, Func<string, string> normalizePath, List<string> mismatches)
    {
        var header = macros.Where(m => !m.IsPredefined).ToDictionary(m => m.Name, StringComparer.Ordinal);
        var constants = model.Constants.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var nonConstants = model.NonConstants.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var g in model.Constants.GroupBy(c => c.Name).Where(g => g.Count() > 1))
            mismatches.Add($"macro-set: {g.Key}: the model has {g.Count()} constants with this name");
        foreach (var name in constants.Keys.Where(nonConstants.ContainsKey))
            mismatches.Add($"macro-set: {name}: the model has it both as a constant and as a non-constant");

        foreach (var m in header.Values.Where(m => !m.IsFunctionLike))
        {
            var isConstant = !notConstant.TryGetValue(m.Name, out var why);
            if (isConstant && !constants.ContainsKey(m.Name))
                mismatches.Add($"macro-set: {m.Name}: model {(nonConstants.TryGetValue(m.Name, out var nc) ? $"not an integer constant ({nc.Reason})" : "has no such macro")}, " +
                    $"clang says an integer constant expression (`{m.Body}`)");
            else if (!isConstant && constants.ContainsKey(m.Name))
                mismatches.Add($"macro-set: {m.Name}: model an integer constant, clang says not one (`{m.Body}`: {why})");
            else if (!isConstant && !nonConstants.ContainsKey(m.Name))
                mismatches.Add($"macro-set: {m.Name}: missing from the model's NonConstants (`{m.Body}`: {why})");
        }
        foreach (var name in constants.Keys.Concat(nonConstants.Keys).Where(n => !header.TryGetValue(n, out var m) || m.IsFunctionLike))
            mismatches.Add($"macro-set: {name}: in the model, but the header leaves no object-like macro of that name defined");

        foreach (var c in model.Constants)
            if (header.TryGetValue(c.Name, out var m))
                CheckLocation("constant", c.Name, c.Location, m, readLines, normalizePath, mismatches);
        foreach (var c in model.NonConstants)
            if (header.TryGetValue(c.Name, out var m))
                CheckLocation("non-constant", c.Name, c.Location, m, readLines, normalizePath, mismatches);
    }

    private static void CheckLocation(string what, string name, SourceLocation location, HeaderMacro macro,
        Func<string, string[]?> readLines, Func<string, string> normalizePath, List<string> mismatches)
    {
        var column = MacroInventory.NameColumn(macro, readLines);
        if (normalizePath(location.File) != normalizePath(macro.File) || location.Line != macro.Line || (column is { } c && location.Column != c))
            mismatches.Add($"location: {name}: {what} location model {location}, clang says {macro.File}:{macro.Line}:{column?.ToString() ?? "?"}");
    }
}
