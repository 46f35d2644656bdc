using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator.FrontEnd.Targets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KvmSharp.Bench;

/// <summary>
/// The generator as the compiler runs it on the x86_64 header: a first run (what a build pays), a new driver
/// on the same files (what a later build in the compiler server pays), and a run after an edit to unrelated C#
/// (what every keystroke in the IDE pays).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private ImmutableArray<AdditionalText> headers;
    private BuildProperties options = null!;
    private CSharpCompilation before = null!;
    private CSharpCompilation after = null!;
    private GeneratorDriver warm = null!;
    private bool edited;
    private int firstRuns;

    /// <summary>Loads the header set and runs the generator once for the warm case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var set = HeaderSetLoader.Load(TargetArch.X86_64);
        headers = set.Texts().Select(t => (AdditionalText)new InMemoryAdditionalText(t.Key, t.Value)).ToImmutableArray();
        options = new BuildProperties(new Dictionary<string, string>
        {
            ["KvmTargetArch"] = "x86_64",
            ["KvmIncludeDirectories"] = string.Join(";", TargetArch.X86_64.DefaultIncludeDirectories),
        });
        before = CSharpCompilation.Create("Consumer", new[] { CSharpSyntaxTree.ParseText("class A { }", ParseOptions) },
            Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        after = before.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int x; }", ParseOptions));
        warm = Driver().RunGenerators(before);
    }

    /// <summary>
    /// A first run: header read, model built, C# emitted. Each run's include folders start with a folder of its own
    /// (one that does not exist), so no earlier read of this process is reused.
    /// </summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => Driver(new BuildProperties(new Dictionary<string, string>
    {
        ["KvmTargetArch"] = "x86_64",
        ["KvmIncludeDirectories"] = $"/kvmsharp-bench-{++firstRuns};" + string.Join(";", TargetArch.X86_64.DefaultIncludeDirectories),
    })).RunGenerators(before);

    /// <summary>
    /// A new driver on the same header files: what each build pays in the compiler server, which runs the generator
    /// afresh every build but keeps this process's recent reads (the files are read again and compared, nothing else).
    /// </summary>
    [Benchmark]
    public GeneratorDriver NextBuildInTheServer() => Driver().RunGenerators(before);

    /// <summary>A run after the consumer's own C# changed: every step should be reused.</summary>
    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit()
    {
        edited = !edited;
        warm = warm.RunGenerators(edited ? after : before);
        return warm;
    }

    private GeneratorDriver Driver(BuildProperties? properties = null) => CSharpGeneratorDriver.Create(
        new[] { new KvmBindingsGenerator().AsSourceGenerator() }, headers, ParseOptions, properties ?? options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
