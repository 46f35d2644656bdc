using System.Collections.Immutable;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator;
using KvmSharp.Tests.Emission;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Tests.Generation;

/// <summary>Runs <see cref="KvmBindingsGenerator"/> the way the compiler does, with step tracking on.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The files the front-end opens for the real header of <paramref name="arch"/>, as AdditionalFiles.</summary>
    public static ImmutableArray<AdditionalText> RealHeaders(TargetArch arch) => RealHeaders(arch, arch.DefaultIncludeDirectories);

    /// <summary>The files the front-end opens for the header of <paramref name="arch"/> found in <paramref name="directories"/>, as AdditionalFiles.</summary>
    public static ImmutableArray<AdditionalText> RealHeaders(TargetArch arch, IReadOnlyList<string> directories)
    {
        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, directories), DiskHeaderFiles.Instance);
        Xunit.Assert.True(model.Files.Count > 5, $"the {arch.Name} headers are not installed: {arch.InstallHint("see README")}");
        return model.Files.Select(path => (AdditionalText)new InMemoryAdditionalText(path, File.ReadAllText(path))).ToImmutableArray();
    }

    public static Dictionary<string, string> Properties(TargetArch arch, string ns = "KvmSharp", IReadOnlyList<string>? directories = null)
        => new()
        {
            ["KvmTargetArch"] = arch.Name,
            ["KvmIncludeDirectories"] = string.Join(";", directories ?? arch.DefaultIncludeDirectories),
            ["KvmNamespace"] = ns,
        };

    public static CSharpCompilation Compilation(params string[] sources)
        => CSharpCompilation.Create("Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Consumer{i}.cs")),
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(ImmutableArray<AdditionalText> headers, IReadOnlyDictionary<string, string> properties)
        => CSharpGeneratorDriver.Create(
            new[] { new KvmBindingsGenerator().AsSourceGenerator() },
            headers,
            ParseOptions,
            new BuildProperties(properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The reasons of every output of the named step in the last run.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step)
    {
        var result = driver.GetRunResult().Results.Single();
        Xunit.Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} did not run; ran: {string.Join(", ", result.TrackedSteps.Keys)}");
        return result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
    }
}
