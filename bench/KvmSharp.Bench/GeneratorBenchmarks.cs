using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using KvmSharp.Bench.Mutation;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator.Targets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KvmSharp.Bench;

/// <summary>
/// The generator as the compiler runs it on the x86_64 header: a first run (what a build pays), and a
/// run after an edit to unrelated C# (what every keystroke in the IDE pays).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private ImmutableArray<AdditionalText> headers;
    private BuildOptions options = null!;
    private CSharpCompilation before = null!;
    private CSharpCompilation after = null!;
    private GeneratorDriver warm = null!;
    private bool edited;

    /// <summary>Loads the header set and runs the generator once for the warm case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var set = HeaderSetLoader.Load(TargetArch.X86_64);
        headers = set.Texts().Select(t => (AdditionalText)new InMemoryText(t.Key, t.Value)).ToImmutableArray();
        options = new BuildOptions(new Dictionary<string, string>
        {
            ["build_property.KvmTargetArch"] = "x86_64",
            ["build_property.KvmIncludeDirectories"] = string.Join(";", TargetArch.X86_64.DefaultIncludeDirectories),
        });
        before = CSharpCompilation.Create("Consumer", new[] { CSharpSyntaxTree.ParseText("class A { }", ParseOptions) },
            Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        after = before.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int x; }", ParseOptions));
        warm = Driver().RunGenerators(before);
    }

    /// <summary>A first run: header read, model built, C# emitted.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => Driver().RunGenerators(before);

    /// <summary>A run after the consumer's own C# changed: every step should be reused.</summary>
    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit()
    {
        edited = !edited;
        warm = warm.RunGenerators(edited ? after : before);
        return warm;
    }

    private GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new KvmBindingsGenerator().AsSourceGenerator() }, headers, ParseOptions, options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            this.text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class BuildOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Options global;

        public BuildOptions(Dictionary<string, string> values) => global = new Options(values);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> values;

            public Options(Dictionary<string, string> values) => this.values = values;

            public static Options Empty { get; } = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
