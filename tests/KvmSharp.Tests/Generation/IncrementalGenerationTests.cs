using KvmSharp.TestSupport.GeneratorInputs;
using System.Runtime.CompilerServices;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator.FrontEnd.Targets;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Generation;

/// <summary>What the generator can reuse between runs, as the Roslyn driver reports it.</summary>
public sealed class IncrementalGenerationTests
{
    private static readonly string[] Steps =
    {
        TrackingNames.Settings, TrackingNames.HeaderFiles, TrackingNames.Model, TrackingNames.ContractFile, TrackingNames.StatedIoctls,
        TrackingNames.Placement, TrackingNames.Sources,
    };

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        // With a contracts file, so that its steps have something to keep.
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64).Add(new InMemoryAdditionalText("/p/my.kvmcontracts", "ioctl KVM_NMI on vcpu\n"));
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(headers, GeneratorHarness.Properties(TargetArch.X86_64)).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class B { int x; }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);

        foreach (var step in Steps)
        {
            var reasons = GeneratorHarness.Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {r}"));
        }
    }

    [Fact]
    public void A_header_edit_reads_the_model_again()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(headers, GeneratorHarness.Properties(TargetArch.X86_64)).RunGenerators(compilation);

        var kvm = headers.Single(h => h.Path.EndsWith("/linux/kvm.h", StringComparison.Ordinal));
        var patched = new InMemoryAdditionalText(kvm.Path, kvm.GetText()!.ToString() + "\n#define KVM_CAP_KVMSHARP_TEST 9999\n");
        driver = driver.ReplaceAdditionalText(kvm, patched).RunGenerators(compilation);

        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.Model));
        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.Sources));
        var generated = driver.GetRunResult().GeneratedTrees.Select(t => t.ToString());
        Assert.Contains(generated, text => text.Contains("KVM_CAP_KVMSHARP_TEST", StringComparison.Ordinal));
    }

    [Fact]
    public void A_property_change_regenerates()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(headers, GeneratorHarness.Properties(TargetArch.X86_64)).RunGenerators(compilation);

        driver = driver.WithUpdatedAnalyzerConfigOptions(new BuildProperties(GeneratorHarness.Properties(TargetArch.X86_64, ns: "Elsewhere.Kvm")))
            .RunGenerators(compilation);

        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.Settings));
        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.Sources));
        Assert.All(driver.GetRunResult().GeneratedTrees, tree => Assert.Contains("namespace Elsewhere.Kvm", tree.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_driver_does_not_keep_old_compilations_alive()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);
        var (latest, first) = RunTwice(GeneratorHarness.Driver(headers, GeneratorHarness.Properties(TargetArch.X86_64)));

        for (var i = 0; i < 5 && first.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(first.IsAlive, "the generator driver still references a compilation it ran on before");
        GC.KeepAlive(latest);
    }

    // The first driver and compilation must be unreachable once this returns: only the latest driver stays.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (GeneratorDriver Latest, WeakReference First) RunTwice(GeneratorDriver driver)
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var first = new WeakReference(compilation);
        driver = driver.RunGenerators(compilation);
        driver = driver.RunGenerators(GeneratorHarness.Compilation("class C { }"));
        return (driver, first);
    }
}
