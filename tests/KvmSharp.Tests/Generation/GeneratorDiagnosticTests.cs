using System.Collections.Immutable;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.Generator.FrontEnd.Targets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KvmSharp.Tests.Generation;

/// <summary>
/// What a user whose settings or header are wrong sees from the generator run by the Roslyn driver: one
/// diagnostic that says what to change, placed in the header where the header is at fault, and no C# that
/// would bury it under compiler errors.
/// </summary>
public sealed class GeneratorDiagnosticTests
{
    [Fact]
    public void An_unknown_target_arch_names_the_known_ones_and_generates_nothing()
    {
        var properties = GeneratorHarness.Properties(TargetArch.X86_64);
        properties["KvmTargetArch"] = "mips";

        var (diagnostics, sources) = Run(GeneratorHarness.RealHeaders(TargetArch.X86_64), properties);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KVMG0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("'mips'", diagnostic.GetMessage());
        Assert.All(TargetArch.All, arch => Assert.Contains(arch.Name, diagnostic.GetMessage()));
        Assert.Empty(sources);
    }

    [Theory]
    [InlineData("My-Vmm")]
    [InlineData("MyVmm..Kvm")]
    [InlineData("MyVmm.class")]
    [InlineData("1Vmm")]
    public void A_namespace_CSharp_cannot_declare_is_reported_and_generates_nothing(string ns)
    {
        // What C# itself says of `namespace X;`, so the generator's check cannot be wrong the other way round.
        var declared = CSharpSyntaxTree.ParseText($"namespace {ns};", GeneratorHarness.ParseOptions);
        Assert.Contains(declared.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        var (diagnostics, sources) = Run(GeneratorHarness.RealHeaders(TargetArch.X86_64), GeneratorHarness.Properties(TargetArch.X86_64, ns));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KVMG0003", diagnostic.Id);
        Assert.Contains($"'{ns}'", diagnostic.GetMessage());
        Assert.Empty(sources);
    }

    [Fact]
    public void A_dotted_namespace_generates_code_that_compiles_in_it()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);
        var driver = GeneratorHarness.Driver(headers, GeneratorHarness.Properties(TargetArch.X86_64, "My.Vmm.Kvm"));
        var consumer = GeneratorHarness.Compilation("class Use { object M() => new My.Vmm.Kvm.KvmUserspaceMemoryRegion(); }");

        driver.RunGeneratorsAndUpdateCompilation(consumer, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Without_the_header_files_the_error_names_the_Debian_package()
    {
        var properties = GeneratorHarness.Properties(TargetArch.Arm64);
        properties["KvmIncludeDirectories"] = "/nonexistent/kvmsharp";

        var (diagnostics, sources) = Run(ImmutableArray<AdditionalText>.Empty, properties);

        var diagnostic = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("KVMH", diagnostic.Id);
        Assert.Contains("linux/kvm.h", diagnostic.GetMessage());
        Assert.Contains("linux-libc-dev-arm64-cross", diagnostic.GetMessage());
        Assert.DoesNotContain(sources, s => s.HintName.Contains("Records", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_header_is_reported_at_its_file_line_and_column_and_the_rest_is_generated()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);
        var kvm = headers.Single(h => h.Path.EndsWith("/linux/kvm.h", StringComparison.Ordinal));
        var lines = kvm.GetText()!.ToString().Split('\n').ToList();
        var anchor = lines.FindIndex(l => l.StartsWith("struct kvm_userspace_memory_region {", StringComparison.Ordinal));
        Assert.True(anchor >= 0);
        lines.Insert(anchor + 1, "\t__u32 slot @;");
        var damaged = headers.Replace(kvm, new InMemoryAdditionalText(kvm.Path, string.Join('\n', lines)));

        var (diagnostics, sources) = Run(damaged, GeneratorHarness.Properties(TargetArch.X86_64));

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var place = error.Location.GetLineSpan();
        Assert.Equal(kvm.Path, place.Path);
        // 0-based in Roslyn: the inserted line is line anchor + 2 of the file, the '@' its 13th character.
        Assert.Equal(anchor + 1, place.StartLinePosition.Line);
        Assert.Equal("\t__u32 slot ".Length, place.StartLinePosition.Character);
        Assert.Contains(sources, s => s.HintName.Contains("KvmRun", StringComparison.Ordinal));
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<GeneratedSourceResult> Sources) Run(
        ImmutableArray<AdditionalText> headers, IReadOnlyDictionary<string, string> properties)
    {
        var driver = GeneratorHarness.Driver(headers, properties).RunGenerators(GeneratorHarness.Compilation("class A { }"));
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (result.Diagnostics, result.GeneratedSources);
    }
}
