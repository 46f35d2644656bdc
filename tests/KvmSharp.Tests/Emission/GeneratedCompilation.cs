using System.Reflection;
using System.Runtime.Loader;
using KvmSharp.Generator.Emission;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KvmSharp.Tests.Emission;

/// <summary>The reference assemblies generated code is compiled against: what a consumer's project has.</summary>
public enum ReferenceSet
{
    Net80,
    Net100,
}

/// <summary>
/// Compiles generated C# in memory with the real C# compiler against in-memory reference assemblies
/// (nothing is downloaded), as a consumer's project would: unsafe allowed, nullable on, warnings reported.
/// </summary>
internal static class GeneratedCompilation
{
    public static CSharpCompilation Create(IEnumerable<GeneratedSource> sources, ReferenceSet references, params string[] extraSources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, path: s.HintName))
            .Concat(extraSources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"extra{i}.cs")));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
            nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999);
        var refs = references == ReferenceSet.Net80
            ? Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>()
            : Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>();
        return CSharpCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), trees, refs, options);
    }

    /// <summary>Every warning and error, formatted with its place, for an assertion message.</summary>
    public static IReadOnlyList<string> Problems(Compilation compilation)
        => compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();

    /// <summary>Compiles against .NET 10 and loads the result into a collectible context.</summary>
    public static Assembly Load(IEnumerable<GeneratedSource> sources, params string[] extraSources)
    {
        var compilation = Create(sources, ReferenceSet.Net100, extraSources);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
            throw new InvalidOperationException("generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(30)));
        image.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(image);
    }
}
