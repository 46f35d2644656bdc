using KvmSharp.Cli.ApiRst;
using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>The api.rst reader on hand-written snippets of the forms the releases use, and on the releases themselves.</summary>
public sealed class ApiRstDocumentTests
{
    private const string Snippet = """
        3. Extensions
        =============

        4.99 KVM_NOT_IN_CHAPTER_FOUR
        ----------------------------

        4. API description
        ==================

        4.1 KVM_GET_API_VERSION
        -----------------------

        :Capability: basic
        :Architectures: all
        :Type: system ioctl

        4.3 KVM_GET_MSR_INDEX_LIST, KVM_GET_MSR_FEATURE_INDEX_LIST
        ----------------------------------------------------------

        :Architectures: x86
        :Type: system ioctl (KVM_GET_MSR_INDEX_LIST), vm ioctl

        4.8 KVM_GET_DIRTY_LOG (vm ioctl)
        --------------------------------

        :Architectures: all except arm64
        :Type: VM

        4.37 KVM_ENABLE_CAP
        -------------------

        :Architectures: mips, ppc, s390, x86, loongarch
        :Type: vcpu ioctl

        4.37 KVM_ENABLE_CAP is described here, not a heading.

        :Architectures: all
        :Type: vm ioctl

        4.80 KVM_SET_DEVICE_ATTR/KVM_GET_DEVICE_ATTR
        --------------------------------------------

        :Architectures: x86, arm64, s390
        :Type: device ioctl, vm ioctl, vcpu ioctl

        4.85 KVM_ARM_SET_DEVICE_ADDR (deprecated)
        -----------------------------------------

        :Architectures: arm64
        :Type: vm ioctl

        4.90 KVM_GET/SET_CLOCK_THING
        ----------------------------

        :Architectures: Any that implement pvclocks (currently x86 only)
        :Type: vcpu ioctl / vm ioctl

        4.91 KVM_SET_MEMORY_REGION
        --------------------------

        :Architectures: none
        :Type: system

        This ioctl is obsolete and has been removed.

        4.92 KVM_CAP_PPC_MULTITCE
        -------------------------

        4.116 KVM_(UN)REGISTER_COALESCED_MMIO
        -------------------------------------

        :Architectures: arm64, mips, riscv, x86 (if KVM_CAP_ONE_REG)
        :Type: vm ioctl

        This IOCTL replaces the obsolete KVM_CREATE_PIT.

        5. The kvm_run structure
        ========================

        4.200 KVM_AFTER_CHAPTER_FOUR
        ----------------------------
        """;

    private static readonly ApiRstDocument Doc = ApiRstDocument.Parse(Snippet);

    [Fact]
    public void Only_chapter_four_headings_with_an_underline_are_sections()
    {
        Assert.Equal(new[] { "4.1", "4.3", "4.8", "4.37", "4.80", "4.85", "4.90", "4.91", "4.92", "4.116" }, Doc.Sections.Select(s => s.Number));
        Assert.DoesNotContain("KVM_NOT_IN_CHAPTER_FOUR", Doc.ByName.Keys);
        Assert.DoesNotContain("KVM_AFTER_CHAPTER_FOUR", Doc.ByName.Keys);
    }

    [Theory]
    [InlineData("KVM_GET_MSR_INDEX_LIST, KVM_GET_MSR_FEATURE_INDEX_LIST", "KVM_GET_MSR_INDEX_LIST KVM_GET_MSR_FEATURE_INDEX_LIST")]
    [InlineData("KVM_SET_DEVICE_ATTR/KVM_GET_DEVICE_ATTR", "KVM_SET_DEVICE_ATTR KVM_GET_DEVICE_ATTR")]
    [InlineData("KVM_(UN)REGISTER_COALESCED_MMIO", "KVM_REGISTER_COALESCED_MMIO KVM_UNREGISTER_COALESCED_MMIO")]
    [InlineData("KVM_ARM_SET_DEVICE_ADDR (deprecated)", "KVM_ARM_SET_DEVICE_ADDR")]
    [InlineData("KVM_GET_DIRTY_LOG (vm ioctl)", "KVM_GET_DIRTY_LOG")]
    [InlineData("KVM_GET/SET_CLOCK_THING", "KVM_GET_CLOCK_THING KVM_SET_CLOCK_THING")]
    [InlineData("KVM_CAP_PPC_MULTITCE", "")]
    public void Heading_names_are_expanded(string heading, string names)
        => Assert.Equal(names.Split(' ', StringSplitOptions.RemoveEmptyEntries), ApiRstDocument.NamesOf(heading));

    [Theory]
    [InlineData("KVM_GET_API_VERSION", IoctlFds.System, "arm64 ppc64le riscv64 s390x x86_64")]
    [InlineData("KVM_GET_MSR_FEATURE_INDEX_LIST", IoctlFds.System | IoctlFds.Vm, "x86_64")]
    [InlineData("KVM_GET_DIRTY_LOG", IoctlFds.Vm, "ppc64le riscv64 s390x x86_64")]
    [InlineData("KVM_ENABLE_CAP", IoctlFds.Vm | IoctlFds.Vcpu, "arm64 ppc64le riscv64 s390x x86_64")]
    [InlineData("KVM_GET_DEVICE_ATTR", IoctlFds.Device | IoctlFds.Vm | IoctlFds.Vcpu, "arm64 s390x x86_64")]
    [InlineData("KVM_SET_CLOCK_THING", IoctlFds.Vm | IoctlFds.Vcpu, "x86_64")]
    [InlineData("KVM_SET_MEMORY_REGION", IoctlFds.System, "")]
    [InlineData("KVM_UNREGISTER_COALESCED_MMIO", IoctlFds.Vm, "arm64 riscv64 x86_64")]
    public void Types_and_architectures_map_to_fds_and_targets(string name, IoctlFds fds, string arches)
    {
        var section = Doc.ByName[name];
        Assert.Equal(fds, section.Fds);
        Assert.Equal(arches.Split(' ', StringSplitOptions.RemoveEmptyEntries), section.Arches!.OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact]
    public void Two_type_lines_keep_their_own_architectures()
    {
        var usages = Doc.ByName["KVM_ENABLE_CAP"].Usages;
        Assert.Equal(2, usages.Count);
        Assert.Equal((IoctlFds.Vcpu, "mips, ppc, s390, x86, loongarch"), (usages[0].Fds, usages[0].ArchitecturesText));
        Assert.Equal((IoctlFds.Vm, "all"), (usages[1].Fds, usages[1].ArchitecturesText));
    }

    [Fact]
    public void Deprecated_removed_and_obsolete_are_read()
    {
        Assert.True(Doc.ByName["KVM_ARM_SET_DEVICE_ADDR"].Deprecated);
        Assert.True(Doc.ByName["KVM_SET_MEMORY_REGION"].Removed);
        Assert.False(Doc.ByName["KVM_ENABLE_CAP"].Deprecated);
        Assert.Equal(new[] { "KVM_CREATE_PIT" }, Doc.ObsoleteByMention);
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void Each_release_documents_over_a_hundred_ioctls_with_the_known_anchors(string version)
    {
        var doc = ReleaseApiRst.Of(KernelRelease.Get(version));
        Assert.True(doc.ByName.Count > 100, $"{version}: {doc.ByName.Count} ioctls documented");
        Assert.All(doc.Sections, s => Assert.True(s.Fds != IoctlFds.None, $"{version} {s.Number} {s.Heading}: no fd"));
        Assert.Equal(IoctlFds.System, doc.ByName["KVM_GET_API_VERSION"].Fds);
        Assert.Equal(IoctlFds.System, doc.ByName["KVM_CREATE_VM"].Fds);
        Assert.Equal(IoctlFds.Vm, doc.ByName["KVM_CREATE_VCPU"].Fds);
        Assert.Equal(IoctlFds.Vcpu, doc.ByName["KVM_RUN"].Fds);
        Assert.Equal(IoctlFds.System | IoctlFds.Vm, doc.ByName["KVM_CHECK_EXTENSION"].Fds);
        Assert.Equal(IoctlFds.Vm | IoctlFds.Vcpu, doc.ByName["KVM_ENABLE_CAP"].Fds);
        Assert.Equal(IoctlFds.Device | IoctlFds.Vm | IoctlFds.Vcpu, doc.ByName["KVM_SET_DEVICE_ATTR"].Fds);
        Assert.True(doc.ByName["KVM_ARM_SET_DEVICE_ADDR"].Deprecated);
        Assert.Equal(new[] { "arm64" }, doc.ByName["KVM_ARM_SET_DEVICE_ADDR"].Arches);
        Assert.Contains("KVM_UNREGISTER_COALESCED_MMIO", doc.ByName.Keys);
    }
}
