using System.Collections.Immutable;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Kernels;
using KvmSharp.Tests.Wrappers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Generation;

/// <summary>
/// Where the generator puts each ioctl's typed method, as a user's build sees it: an ioctl KvmSharp's facts do not
/// know (a patched header) is placed by its header comment with KVMG0004 at its <c>#define</c>; a project's
/// <c>ioctl KVM_X on FD</c> statement places it (or overrides a fact) silently; a bad statement is KVMG0005 at its
/// line; another architecture's ioctl gets no method; a deprecated one is <c>[Obsolete]</c>. The anchors (which
/// ioctls belong to s390, ppc or x86, which is deprecated) are api.rst's words, not the generator's output.
/// </summary>
public sealed class IoctlPlacementTests
{
    private const string Probe = "KVM_KVMSHARP_PROBE";
    private const string Contracts = "/project/mykernel.kvmcontracts";

    [Fact]
    public void An_ioctl_the_facts_do_not_know_goes_where_its_comment_says_with_a_warning_at_its_define()
    {
        var (headers, kvmPath, defineLine) = PatchedHeaders();

        var (diagnostics, sources) = Run(headers);

        var warning = Assert.Single(diagnostics, d => d.Id == "KVMG0004" && d.GetMessage().Contains(Probe, StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        var span = warning.Location.GetLineSpan();
        Assert.Equal(kvmPath, span.Path);
        Assert.Equal(defineLine - 1, span.StartLinePosition.Line);
        Assert.Equal("#define ".Length, span.StartLinePosition.Character);
        Assert.Contains("'ioctls for vcpu fds'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"'ioctl {Probe} on vcpu'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(Probe, Class(sources, "KvmVcpuIoctls"), StringComparison.Ordinal);
        Assert.DoesNotContain(Probe, Class(sources, "KvmVmIoctls"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_places_an_unknown_ioctl_without_a_warning()
    {
        var (headers, _, _) = PatchedHeaders();

        var (diagnostics, sources) = Run(headers, $"# the RFC's new ioctl\nioctl {Probe} on vm\n");

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains(Probe, StringComparison.Ordinal));
        Assert.Contains(Probe, Class(sources, "KvmVmIoctls"), StringComparison.Ordinal);
        Assert.DoesNotContain(Probe, Class(sources, "KvmVcpuIoctls"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_overrides_a_built_in_fact()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);

        var (_, sources) = Run(headers, "ioctl KVM_GET_API_VERSION on vm, vcpu\n");

        // api.rst 4.1: KVM_GET_API_VERSION is a system ioctl; the project said otherwise, and wins.
        Assert.DoesNotContain("KVM_GET_API_VERSION", Class(sources, "KvmSystemIoctls"), StringComparison.Ordinal);
        Assert.Contains("KVM_GET_API_VERSION", Class(sources, "KvmVmIoctls"), StringComparison.Ordinal);
        Assert.Contains("KVM_GET_API_VERSION", Class(sources, "KvmVcpuIoctls"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ioctl KVM_X", 2)]
    [InlineData("ioctl KVM_X on", 2)]
    [InlineData("ioctl KVM_X in vm", 2)]
    [InlineData("ioctl kvm_x on vm", 2)]
    [InlineData("ioctl KVM_X on vm, socket", 2)]
    public void A_statement_that_cannot_be_read_is_KVMG0005_at_its_line(string statement, int line)
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);

        var (diagnostics, _) = Run(headers, $"capability KVM_CAP_HALT_POLL\n{statement}\nflags none\n");

        var problem = Assert.Single(diagnostics, d => d.Id == "KVMG0005");
        Assert.Equal(DiagnosticSeverity.Warning, problem.Severity);
        Assert.Equal(Contracts, problem.Location.GetLineSpan().Path);
        Assert.Equal(line - 1, problem.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void An_arm64_build_has_no_method_of_another_architecture_and_a_deprecated_one_is_obsolete()
    {
        var release = KernelRelease.Get("7.2");
        var directories = release.IncludeDirectories(TargetArch.Arm64);
        var headers = GeneratorHarness.RealHeaders(TargetArch.Arm64, directories);

        var (diagnostics, sources) = Run(headers, arch: TargetArch.Arm64, directories: directories);

        Assert.DoesNotContain(diagnostics, d => d.Id == "KVMG0004");
        var vm = Class(sources, "KvmVmIoctls");
        // api.rst: KVM_S390_UCAS_MAP is s390, KVM_PPC_GET_PVINFO ppc, KVM_SET_TSS_ADDR and KVM_CREATE_PIT2 x86.
        foreach (var foreign in new[] { "KVM_S390_UCAS_MAP", "KVM_PPC_GET_PVINFO", "KVM_SET_TSS_ADDR", "KVM_CREATE_PIT2" })
            Assert.DoesNotContain($"<c>{foreign}</c>", vm, StringComparison.Ordinal);
        // ... but their request numbers stay, as the header defines them (KVM_SET_TSS_ADDR is an _IO: defined on every arch).
        Assert.Contains("\"KVM_SET_TSS_ADDR\"", Class(sources, "KvmIoctls"), StringComparison.Ordinal);
        // api.rst 4.85: "KVM_ARM_SET_DEVICE_ADDR (deprecated)", an arm64 VM ioctl.
        var setDeviceAddress = vm.IndexOf("<c>KVM_ARM_SET_DEVICE_ADDR</c>", StringComparison.Ordinal);
        Assert.True(setDeviceAddress >= 0, "arm64 has no method for KVM_ARM_SET_DEVICE_ADDR");
        var method = vm.IndexOf("public static", setDeviceAddress, StringComparison.Ordinal);
        Assert.Contains("[global::System.Obsolete(", vm[setDeviceAddress..method], StringComparison.Ordinal);
        // arm64's own VM and vCPU ioctls are where api.rst puts them.
        Assert.Contains("<c>KVM_ARM_VCPU_INIT</c>", Class(sources, "KvmVcpuIoctls"), StringComparison.Ordinal);
        Assert.Contains("<c>KVM_CREATE_VCPU</c>", vm, StringComparison.Ordinal);
    }

    [Fact]
    public void An_x86_64_build_has_no_vcpu_method_of_s390_or_arm64()
    {
        var release = KernelRelease.Get("7.2");
        var directories = release.IncludeDirectories(TargetArch.X86_64);
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64, directories);

        var (_, sources) = Run(headers, arch: TargetArch.X86_64, directories: directories);

        var vcpu = Class(sources, "KvmVcpuIoctls");
        // api.rst: KVM_S390_INITIAL_RESET, KVM_S390_VCPU_FAULT, KVM_ARM_VCPU_INIT, KVM_ARM_VCPU_FINALIZE are s390 and arm64 ioctls.
        foreach (var foreign in new[] { "KVM_S390_INITIAL_RESET", "KVM_S390_VCPU_FAULT", "KVM_ARM_VCPU_INIT", "KVM_ARM_VCPU_FINALIZE" })
            Assert.DoesNotContain($"<c>{foreign}</c>", vcpu, StringComparison.Ordinal);
        Assert.Contains("<c>KVM_GET_SREGS</c>", vcpu, StringComparison.Ordinal);
        // api.rst 4.7 and 4.35: VM ioctls, wherever the 7.2 header happens to define them.
        var vm = Class(sources, "KvmVmIoctls");
        Assert.Contains("<c>KVM_CREATE_VCPU</c>", vm, StringComparison.Ordinal);
        Assert.Contains("<c>KVM_SET_USER_MEMORY_REGION</c>", vm, StringComparison.Ordinal);
        Assert.DoesNotContain("<c>KVM_SET_USER_MEMORY_REGION</c>", Class(sources, "KvmSystemIoctls"), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_the_statements_places_again_without_reading_the_header_again()
    {
        var (headers, _, _) = PatchedHeaders();
        var contracts = new InMemoryAdditionalText(Contracts, $"ioctl {Probe} on vm\n");
        var compilation = GeneratorHarness.Compilation("class A { }").AddReferences(WrapperCompilation.RuntimeReference);
        var driver = GeneratorHarness.Driver(headers.Add(contracts), GeneratorHarness.Properties(TargetArch.X86_64)).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(contracts, new InMemoryAdditionalText(Contracts, $"ioctl {Probe} on device\n")).RunGenerators(compilation);

        Assert.All(GeneratorHarness.Reasons(driver, TrackingNames.Model), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"the model was {r}"));
        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.StatedIoctls));
        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.Reasons(driver, TrackingNames.Sources));
        var generated = driver.GetRunResult().Results.Single().GeneratedSources;
        Assert.Contains(Probe, Class(generated, "KvmDeviceIoctls"), StringComparison.Ordinal);
    }

    // The machine's x86_64 header with one ioctl appended under a section comment of its own.
    private static (ImmutableArray<AdditionalText> Headers, string KvmPath, int DefineLine) PatchedHeaders()
    {
        var headers = GeneratorHarness.RealHeaders(TargetArch.X86_64);
        var kvm = headers.Single(h => h.Path.EndsWith("/linux/kvm.h", StringComparison.Ordinal));
        var text = kvm.GetText()!.ToString();
        var guard = text.LastIndexOf("#endif", StringComparison.Ordinal);
        var patched = text[..guard] + "/* ioctls for vcpu fds */\n" + $"#define {Probe} _IO(KVMIO, 0xfe)\n" + text[guard..];
        var line = patched[..patched.IndexOf("#define " + Probe, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        return (headers.Replace(kvm, new InMemoryAdditionalText(kvm.Path, patched)), kvm.Path, line);
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<GeneratedSourceResult> Sources) Run(
        ImmutableArray<AdditionalText> headers, string? contracts = null, TargetArch? arch = null, IReadOnlyList<string>? directories = null)
    {
        arch ??= TargetArch.X86_64;
        if (contracts is not null)
            headers = headers.Add(new InMemoryAdditionalText(Contracts, contracts));
        var compilation = GeneratorHarness.Compilation("class A { }").AddReferences(WrapperCompilation.RuntimeReference);
        var driver = GeneratorHarness.Driver(headers, GeneratorHarness.Properties(arch, directories: directories)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (result.Diagnostics, result.GeneratedSources);
    }

    private static string Class(ImmutableArray<GeneratedSourceResult> sources, string name)
    {
        var source = sources.SingleOrDefault(s => s.HintName == name + ".g.cs" || s.HintName.EndsWith("." + name + ".g.cs", StringComparison.Ordinal));
        Assert.True(source.HintName is not null, $"no {name} among {string.Join(", ", sources.Select(s => s.HintName))}");
        return source.SourceText.ToString();
    }
}
