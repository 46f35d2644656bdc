using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Tests.Oracle;

/// <summary>What the oracle found, and how much it checked (so that a test cannot pass by checking nothing).</summary>
internal sealed record OracleReport(IReadOnlyList<string> Mismatches, int FactsChecked, int RecordsCompared, int MacrosClassified)
{
    /// <summary>The first <paramref name="count"/> mismatches, one a line, for a test failure message.</summary>
    public string Describe(int count = 50)
    {
        var shown = Mismatches.Take(count).ToList();
        var more = Mismatches.Count > shown.Count ? $"\n... and {Mismatches.Count - shown.Count} more" : "";
        return $"{Mismatches.Count} mismatches between the model and clang-14 " +
            $"({FactsChecked} facts, {RecordsCompared} record layouts, {MacrosClassified} macros checked):\n  " +
            string.Join("\n  ", shown) + more;
    }
}

/// <summary>
/// The clang oracle: clang-14 judges a <see cref="HeaderModel"/>. It generates one C file that includes the
/// header and states every fact of the model as a compile-time check, one a line; compiles it for the
/// model's target with only the model's include folders; and turns each clang error back into a message
/// about the one fact on that line. What C cannot express (bitfields, anonymous members, which records,
/// enums and typedefs exist, which macros are integer constants, where things are) is compared with
/// clang's own record layout dump, AST dump and macro list.
/// </summary>
internal static class ClangOracle
{
    public static OracleReport Check(HeaderModel model, TargetArch arch, IReadOnlyList<string> includeDirectories, string header)
    {
        var directories = includeDirectories.Select(d => Path.GetFullPath(d)).ToList();
        var work = Directory.CreateTempSubdirectory("kvmsharp-oracle-").FullName;
        try
        {
            return Check(model, arch, directories, header, work);
        }
        finally
        {
            // Set KVMSHARP_ORACLE_KEEP to look at the generated C files after a failure.
            if (Environment.GetEnvironmentVariable("KVMSHARP_ORACLE_KEEP") is null)
                Directory.Delete(work, recursive: true);
        }
    }

    private static OracleReport Check(HeaderModel model, TargetArch arch, List<string> directories, string header, string work)
    {
        var common = ClangTool.CommonArguments(arch.ClangTriple, directories);
        var mismatches = new List<string>();

        var includeOnly = Path.Combine(work, "header.c");
        File.WriteAllText(includeOnly, $"#include <{header}>\n");
        var predefined = Task.Run(() =>
        {
            var found = new List<string>();
            PredefinedMacroCheck.Compare(arch, found);
            return found;
        });
        var macroRun = Task.Run(() => ClangTool.Run(common.Concat(new[] { "-E", "-dD", "-x", "c", includeOnly })));
        var astRun = Task.Run(() => ClangTool.Run(common.Concat(new[] { "-fsyntax-only", "-Xclang", "-ast-dump", "-x", "c", includeOnly })));

        if (macroRun.Result.ExitCode != 0)
            mismatches.Add($"oracle: clang cannot preprocess <{header}> for {arch.ClangTriple}: {macroRun.Result.StandardError.Trim()}");
        var macros = MacroInventory.Parse(macroRun.Result.StandardOutput);

        var file = new CheckFile(header);
        var types = new TypeReferenceChecks(file, model);
        DeclarationChecks.AddConstants(file, model);
        RecordChecks.Add(file, model, types);
        DeclarationChecks.AddEnums(file, model);
        DeclarationChecks.AddTypedefs(file, model, types);
        DeclarationChecks.AddIoctls(file, model, types);
        MacroChecks.AddIceChecks(file, macros);
        mismatches.AddRange(file.Inconsistencies);

        var checkPath = Path.Combine(work, "oracle.c");
        File.WriteAllText(checkPath, file.ToString());
        var run = ClangTool.Run(common.Concat(new[]
        {
            "-fsyntax-only", "-ferror-limit=0", "-Werror=gnu-folding-constant", "-Wno-switch",
            "-Xclang", "-fdump-record-layouts", "-x", "c", checkPath,
        }));

        var failed = new List<(OracleFact Fact, string Error)>();
        var seen = new HashSet<OracleFact>(ReferenceEqualityComparer.Instance);
        var notConstant = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in run.Diagnostics.Where(d => d.IsError))
        {
            var line = LineIn(d, checkPath);
            switch (line is { } l ? file.OwnerOf(l) : null)
            {
                case OracleFact fact when seen.Add(fact):
                    failed.Add((fact, d.Message));
                    break;
                case OracleFact:
                    break;
                case IceCheck ice:
                    notConstant.TryAdd(ice.MacroName, d.Message);
                    break;
                default:
                    mismatches.Add($"oracle: clang error outside every check: {d}");
                    break;
            }
        }

        var answers = ClangProbes.Ask(failed.Select(f => f.Fact).ToList(), header, common, work);
        foreach (var (fact, error) in failed)
        {
            mismatches.Add(IsFailedAssertion(error)
                ? fact.Mismatch(answers.TryGetValue(fact, out var said) ? said : "otherwise")
                : $"{fact.Category}: {fact.Subject}: {fact.Property} model {fact.Model}, clang cannot check it: {error}");
        }

        var layout = new LayoutComparison(RecordLayoutDump.Parse(run.StandardOutput), NormalizePath, mismatches);
        layout.Compare(model);

        if (astRun.Result.ExitCode != 0)
            mismatches.Add($"oracle: clang cannot compile <{header}> for {arch.ClangTriple}: {astRun.Result.StandardError.Trim()}");
        DeclarationSets.Compare(model, AstInventory.Parse(astRun.Result.StandardOutput), NormalizePath, mismatches);
        MacroChecks.Compare(model, macros, notConstant, ReadLines, NormalizePath, mismatches);
        mismatches.AddRange(predefined.Result);

        return new OracleReport(mismatches, file.FactCount, layout.RecordsCompared,
            macros.Count(m => !m.IsPredefined && !m.IsFunctionLike));
    }

    private static bool IsFailedAssertion(string message)
        => message.StartsWith("static_assert failed", StringComparison.Ordinal)
           || message.StartsWith("static assertion failed", StringComparison.Ordinal);

    // The error's own place, or, for an error clang places inside a header's macro, the note that
    // leads back to the generated file.
    private static int? LineIn(ClangDiagnostic d, string path)
    {
        if (d.Line > 0 && ClangProbes.SameFile(d.File, path))
            return d.Line;
        return d.Notes.FirstOrDefault(n => n.Line > 0 && ClangProbes.SameFile(n.File, path))?.Line;
    }

    /// <summary>Paths compare as absolute, normalized paths: the model's as opened, clang's as it printed them.</summary>
    public static string NormalizePath(string path) => path.StartsWith('<') ? path : Path.GetFullPath(path);

    private static string[]? ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Split('\n') : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
