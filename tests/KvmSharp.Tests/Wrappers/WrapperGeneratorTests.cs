using KvmSharp.Generator.Generation;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KvmSharp.Tests.Wrappers;

/// <summary>The source generator emits the wrappers exactly when the consumer references the runtime, incrementally.</summary>
public sealed class WrapperGeneratorTests
{
    // What samples/HelloVm writes: the API named in the issue, compiled against the generator's output.
    private const string HelloVmShape = """
        using KvmSharp;

        static class HelloVmShape
        {
            static int Main()
            {
                using var kvm = KvmSystem.Open();
                using var vm = kvm.CreateVm();
                using var memory = new GuestMemory(0x10000);
                vm.SetUserMemoryRegion(0, 0, memory);
                using var vcpu = vm.CreateVcpu(0);
                var sregs = vcpu.GetSregs();
                sregs.Cs.Base = 0;
                vcpu.SetSregs(in sregs);
                var regs = vcpu.GetRegs();
                regs.Rip = 0x1000;
                vcpu.SetRegs(in regs);
                while (true)
                {
                    var exit = vcpu.Run();
                    if (exit.IsInterrupted)
                        continue;
                    switch (exit.Reason)
                    {
                        case KvmExitReason.Io when exit.State.Io.Port == 0x3f8 && exit.State.Io.Direction == KvmExitIo.Out:
                            System.Console.Write((char)exit.IoData[0]);
                            break;
                        case KvmExitReason.Hlt:
                            return kvm.CheckExtension(KvmCapability.UserMemory);
                        default:
                            return -1;
                    }
                }
            }
        }
        """;

    [Fact]
    public void A_consumer_that_references_the_runtime_gets_the_wrappers_and_compiles()
    {
        var compilation = GeneratorHarness.Compilation(HelloVmShape).AddReferences(WrapperCompilation.RuntimeReference);
        var driver = GeneratorHarness.Driver(GeneratorHarness.RealHeaders(TargetArch.X86_64), GeneratorHarness.Properties(TargetArch.X86_64));

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var hints = driver.RunGenerators(compilation).GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains(hints, h => h.EndsWith("KvmSharp.Ioctls.KvmVcpuIoctls.g.cs", StringComparison.Ordinal));
        Assert.Contains(hints, h => h.EndsWith("KvmSharp.Ioctls.KvmExit.g.cs", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void A_consumer_without_the_runtime_gets_no_wrapper()
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.RealHeaders(TargetArch.X86_64), GeneratorHarness.Properties(TargetArch.X86_64))
            .RunGenerators(GeneratorHarness.Compilation("class A { }"));

        var hints = driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.NotEmpty(hints);
        Assert.DoesNotContain(hints, h => h.Contains("KvmSharp.Ioctls.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_edit_to_a_runtime_consumer_reuses_the_emitted_sources()
    {
        var compilation = GeneratorHarness.Compilation("class A { }").AddReferences(WrapperCompilation.RuntimeReference);
        var driver = GeneratorHarness.Driver(GeneratorHarness.RealHeaders(TargetArch.X86_64), GeneratorHarness.Properties(TargetArch.X86_64))
            .RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", GeneratorHarness.ParseOptions)));

        foreach (var step in new[] { TrackingNames.RuntimeReferenced, TrackingNames.Sources })
        {
            var reasons = GeneratorHarness.Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {r}"));
        }
    }

    [Fact]
    public void Adding_the_runtime_reference_regenerates_with_the_wrappers()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(GeneratorHarness.RealHeaders(TargetArch.X86_64), GeneratorHarness.Properties(TargetArch.X86_64))
            .RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddReferences(WrapperCompilation.RuntimeReference));

        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.RuntimeReferenced));
        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.Sources));
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.EndsWith("KvmSharp.Ioctls.KvmVmIoctls.g.cs", StringComparison.Ordinal));
    }
}
