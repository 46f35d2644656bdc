using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using KvmSharp.Analyzers;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator.FrontEnd.Targets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KvmSharp.Bench;

/// <summary>
/// KvmSharp's analyzers on a consumer of 200 files that call the typed ioctls every way the rules read
/// (guards, lambdas, local functions, <c>EnableCap</c> forms, a struct filled field by field), against the
/// bindings the generator makes from the x86_64 header. Every run binds the consumer again (the analyzer
/// driver works on a copy of the compilation), so the baseline is an analyzer that asks for the same operation
/// trees and does nothing with them: the difference is what KvmSharp's analyzers add to a build.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private const int Files = 200;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        ImmutableArray.Create<DiagnosticAnalyzer>(new CapabilityContractAnalyzer(), new CapabilityGuardAnalyzer());

    private Compilation consumer = null!;

    /// <summary>Generates the bindings, compiles the consumer and checks that the rules have something to say.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var set = HeaderSetLoader.Load(TargetArch.X86_64);
        var headers = set.Texts().Select(t => (AdditionalText)new InMemoryAdditionalText(t.Key, t.Value)).ToImmutableArray();
        var options = new BuildProperties(new Dictionary<string, string>
        {
            ["KvmTargetArch"] = "x86_64",
            ["KvmIncludeDirectories"] = string.Join(";", TargetArch.X86_64.DefaultIncludeDirectories),
        });
        var sources = Enumerable.Range(0, Files).Select(i => CSharpSyntaxTree.ParseText(Source(i), ParseOptions, path: $"Vmm{i}.cs"));
        var compilation = CSharpCompilation.Create("Consumer", sources,
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(KvmSystem).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        CSharpGeneratorDriver.Create(new[] { new KvmBindingsGenerator().AsSourceGenerator() }, headers, ParseOptions, options)
            .RunGeneratorsAndUpdateCompilation(compilation, out consumer, out _);
        var errors = consumer.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("the consumer does not compile:\n" + string.Join("\n", errors));
        var found = Analyze().Count(d => d.Id.StartsWith("KVM0", StringComparison.Ordinal));
        if (found < Files)
            throw new InvalidOperationException($"only {found} KVM diagnostics in {Files} files: the benchmark would measure idle analyzers");
    }

    /// <summary>Binding and operation trees only: an analyzer that looks at every method body and does nothing.</summary>
    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> BindOnly() => Analyze(ImmutableArray.Create<DiagnosticAnalyzer>(new IdleAnalyzer()));

    /// <summary>Both analyzers over the whole consumer, one thread, as the command-line build runs them per project.</summary>
    [Benchmark]
    public ImmutableArray<Diagnostic> AnalyzeConsumer() => Analyze(Analyzers);

    private ImmutableArray<Diagnostic> Analyze() => Analyze(Analyzers);

    private ImmutableArray<Diagnostic> Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => consumer.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    private static string Source(int index) => $$"""
        using KvmSharp;

        internal static class Vmm{{index}}
        {
            public static void Setup(KvmSystem kvm, KvmVm vm, KvmMsi msi, GuestMemory memory, ulong value)
            {
                if (kvm.CheckExtension(KvmCapability.SignalMsi) != 0)
                    vm.SignalMsi(in msi);
                vm.SignalMsi(in msi);
                vm.EnableCap(KvmCapability.SplitIrqchip, 1, 24);
                vm.EnableCap(KvmCapability.SplitIrqchip, 0, value);
                var cap = new KvmEnableCap { Cap = (uint)KvmCapability.X86DisableExits };
                cap.Flags = 2;
                vm.EnableCap(in cap);
                System.Action later = () => vm.SignalMsi(in msi);
                void Local() { if (vm.CheckExtension(KvmCapability.SignalMsi) == 0) return; vm.SignalMsi(in msi); }
                Local();
                vm.SetUserMemoryRegion({{index % 32}}, 0x20000, memory);
                for (var i = 0; i < 4; i++)
                {
                    if (i == 2 && kvm.CheckExtension(KvmCapability.SplitIrqchip) > 0)
                        vm.EnableCap(KvmCapability.SplitIrqchip, 0, 24);
                }
            }
        }
        """;

    // The baseline's stand-in, handed to the driver directly: never loaded by a compiler, so the rules for
    // shipped analyzers (target framework, release tracking, concurrency) do not apply.
#pragma warning disable RS1001, RS1041, RS1036, RS2008, RS1026
    private sealed class IdleAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("IDLE0001", "never", "never", "bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationBlockAction(_ => { });
        }
    }
#pragma warning restore RS1001, RS1041, RS1036, RS2008, RS1026
}
