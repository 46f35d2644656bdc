using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Generation;
using KvmSharp.Tests.Wrappers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The real source generator run over one kernel release's headers, as a consumer's build runs it: the
/// MSBuild properties KvmSharp.targets makes visible to the compiler, and as AdditionalFiles every <c>.h</c>
/// under <c>linux/</c>, <c>asm/</c> and <c>asm-generic/</c> of each include folder (the targets' globs), not only
/// the files the front-end ends up opening. Consumers are compiled in memory against .NET 10's reference
/// assemblies, with the SDK's implicit usings.
/// </summary>
internal static class ReleaseBindings
{
    // One driver per release, arch and visibility, already run once: a later run on another consumer
    // compilation reuses its model (the header files and properties are equal), so reading a header is paid
    // once per test run however many consumers compile against it.
    private static readonly ConcurrentDictionary<string, Lazy<GeneratorDriver>> Drivers = new();

    /// <summary>What <c>Microsoft.NET.Sdk</c> writes to <c>GlobalUsings.g.cs</c> with <c>ImplicitUsings</c> on.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>The repository's root, from this file's place in it.</summary>
    public static string RepositoryRoot([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    /// <summary>The AdditionalFiles KvmSharp.targets gives the compiler for these include folders.</summary>
    public static ImmutableArray<AdditionalText> HeaderFiles(IReadOnlyList<string> includeDirectories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = ImmutableArray.CreateBuilder<AdditionalText>();
        // The targets' order: every folder's linux/ first, then every asm/, then every asm-generic/.
        foreach (var sub in new[] { "linux", "asm", "asm-generic" })
        {
            foreach (var directory in includeDirectories)
            {
                var folder = Path.Combine(directory, sub);
                if (!Directory.Exists(folder))
                    continue;
                foreach (var path in Directory.EnumerateFiles(folder, "*.h", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (seen.Add(path))
                        files.Add(new InMemoryAdditionalText(path, File.ReadAllText(path)));
                }
            }
        }
        return files.ToImmutable();
    }

    /// <summary>The properties the compiler sees for a project with <c>KvmIncludeDirectories</c> set to the release's folders.</summary>
    public static Dictionary<string, string> Properties(KernelRelease release, TargetArch arch, bool isPublic)
    {
        var properties = GeneratorHarness.Properties(arch);
        // KvmSharp.targets hands the list over '|'-separated, under this name (';' would start an .editorconfig comment).
        properties.Remove("KvmIncludeDirectories");
        properties["_KvmIncludeDirectoriesForCompiler"] = string.Join("|", release.IncludeDirectories(arch));
        properties["KvmHeader"] = "linux/kvm.h";
        properties["KvmPublic"] = isPublic ? "true" : "false";
        return properties;
    }

    /// <summary>
    /// A consumer's compilation: <paramref name="sources"/> (path and text) plus the implicit usings, against .NET 10,
    /// with the KvmSharp runtime when <paramref name="withRuntime"/>; nullable on, as the repository's projects have it.
    /// </summary>
    public static CSharpCompilation Consumer(string name, OutputKind kind, bool allowUnsafe, bool withRuntime,
        IEnumerable<(string Path, string Text)> sources, ReportDiagnostic warnings = ReportDiagnostic.Default)
    {
        var trees = sources.Append(("GlobalUsings.g.cs", ImplicitUsings))
            .Select(s => CSharpSyntaxTree.ParseText(s.Item2, GeneratorHarness.ParseOptions, path: s.Item1));
        IEnumerable<MetadataReference> references = Basic.Reference.Assemblies.Net100.References.All;
        if (withRuntime)
            references = references.Append(WrapperCompilation.RuntimeReference);
        return CSharpCompilation.Create(name, trees, references,
            new CSharpCompilationOptions(kind, allowUnsafe: allowUnsafe, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: warnings));
    }

    /// <summary>
    /// Runs the generator of <paramref name="release"/>'s headers for <paramref name="arch"/> on <paramref name="consumer"/>:
    /// the compilation with the generated code added, and every diagnostic (the generator's and the compiler's)
    /// with the consumer's options applied (a warning is an error under <c>TreatWarningsAsErrors</c>).
    /// </summary>
    public static (Compilation Compilation, IReadOnlyList<Diagnostic> Diagnostics) Generate(
        KernelRelease release, TargetArch arch, CSharpCompilation consumer, bool isPublic = false)
    {
        var key = $"{release.Version}/{arch.Name}/{isPublic}";
        var driver = Drivers.GetOrAdd(key, _ => new Lazy<GeneratorDriver>(() =>
            GeneratorHarness.Driver(HeaderFiles(release.IncludeDirectories(arch)), Properties(release, arch, isPublic))
                .RunGenerators(consumer))).Value;
        driver.RunGeneratorsAndUpdateCompilation(consumer, out var updated, out var generatorDiagnostics);
        return (updated, generatorDiagnostics.Concat(updated.GetDiagnostics()).ToList());
    }

    /// <summary>
    /// The diagnostics that fail the build, formatted with their place as the build prints them: errors, and warnings
    /// when the consumer treats warnings as errors (the compiler applies that to what a generator reports too).
    /// </summary>
    public static IReadOnlyList<string> Errors(IEnumerable<Diagnostic> diagnostics, CompilationOptions options)
        => diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.IsWarningAsError
                || (d.Severity == DiagnosticSeverity.Warning && options.GeneralDiagnosticOption == ReportDiagnostic.Error))
            .Select(d => d.ToString())
            .Distinct()
            .ToList();
}
