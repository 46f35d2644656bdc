using KvmSharp.Cli.Review;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Review;

/// <summary>
/// <c>kvmgen review</c> on Debian's unpatched trees: what it reports there is true of the kernel's own header and
/// api.rst, each finding of 6.1's arm64 tree (the seed case's base) listed with why it is real.
/// </summary>
public sealed class UnpatchedReviewTests(ITestOutputHelper output)
{
    /// <summary>Every finding on 6.1 (bookworm), arm64, by check and subject, with why it is true.</summary>
    private static readonly (string Id, string Subject, string Why)[] Real6_1Arm64 =
    {
        (ReviewIds.UndefinedName, "KVM_IRQ_LEVEL", "4.25 KVM_IRQ_LINE copies the header's comment 'not used for KVM_IRQ_LEVEL'; no header defines the name (the ioctl is KVM_IRQ_LINE)"),
        (ReviewIds.UndefinedName, "KVM_SYSTEM_EVENT", "4.38 says 'a KVM_SYSTEM_EVENT exit'; the exit reason is KVM_EXIT_SYSTEM_EVENT"),
        (ReviewIds.UndefinedName, "KVM_CAP_STATS_BINARY_FD", "4.133 KVM_GET_STATS_FD's :Capability: has the words swapped: the header's capability is KVM_CAP_BINARY_STATS_FD"),
        (ReviewIds.UndefinedName, "KVM_RUN_BUS_LOCK", "chapter 5 lists a flag the header renamed KVM_RUN_X86_BUS_LOCK"),
        (ReviewIds.UndefinedName, "KVM_LAST_CPU", "chapter 5's kvm_run copies the header's comment 'if KVM_LAST_CPU'; no header defines the name (the capability is KVM_CAP_LAST_CPU)"),
        (ReviewIds.UndefinedName, "KVM_EXIT_PAPR", "chapter 5 lists an exit the header calls KVM_EXIT_PAPR_HCALL"),
        (ReviewIds.UndefinedName, "KVM_CAP_IRQCHIP_SPLIT", "chapter 9 enables a capability whose name is KVM_CAP_SPLIT_IRQCHIP"),
        (ReviewIds.Direction, "KVM_GET_DIRTY_LOG", "documented (in/out) but _IOW: the kernel only reads the struct and writes the bitmap it points to"),
        (ReviewIds.Direction, "KVM_SET_IRQCHIP", "documented (in) but _IOR: the uAPI's historical mistake, kept for compatibility"),
        (ReviewIds.Direction, "KVM_PPC_GET_PVINFO", "documented (out) but _IOW, the same kind of historical mistake"),
        (ReviewIds.Direction, "KVM_S390_GET_IRQ_STATE", "documented (out) but _IOW: the struct is read, the buffer it points to written"),
        (ReviewIds.Direction, "KVM_PPC_RESIZE_HPT_PREPARE", "documented (in) but _IOR: the struct is only read"),
        (ReviewIds.Direction, "KVM_PPC_RESIZE_HPT_COMMIT", "documented (in) but _IOR: the struct is only read"),
        (ReviewIds.Direction, "KVM_MEMORY_ENCRYPT_REG_REGION", "documented (in) but _IOR: the struct is only read"),
        (ReviewIds.Direction, "KVM_MEMORY_ENCRYPT_UNREG_REGION", "documented (in) but _IOR: the struct is only read"),
        (ReviewIds.Direction, "KVM_CLEAR_DIRTY_LOG", "documented (in) but _IOWR: the struct is not written back"),
        (ReviewIds.DuplicateNumber, "KVM_GET_ONE_REG", "_IOW(KVMIO, 0xab) with a 16-byte struct, the very request of KVM_ARM_SET_DEVICE_ADDR: the kernel tells them apart only by the fd (vcpu, vm)"),
    };

    [Fact]
    public void Each_finding_on_6_1_arm64_is_a_real_defect_of_the_kernels_header_or_api_rst()
    {
        var release = KernelRelease.Get("6.1");
        var folders = release.IncludeDirectories(TargetArch.Arm64);
        var run = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, folders, release.ApiRst, folders, release.IncludeDirectories(TargetArch.X86_64)));
        output.WriteLine(run.Stdout);

        var found = run.Findings.Select(f => (f.Id, f.Subject)).Order().ToList();
        var expected = Real6_1Arm64.Select(r => (r.Id, r.Subject)).Order().ToList();
        Assert.Equal(expected, found);
        Assert.Equal(1, run.ExitCode);
    }

    /// <summary>Checks that speak of a patch, or of text git left behind, have nothing to say of a released tree.</summary>
    [Theory]
    [MemberData(nameof(KernelRelease.WithX86AndArm64), MemberType = typeof(KernelRelease))]
    public void A_released_tree_has_no_conflict_markers_and_nothing_new_against_itself(string version, string archName)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Find(archName)!;
        var folders = release.IncludeDirectories(arch);
        var other = release.IncludeDirectories(arch == TargetArch.Arm64 ? TargetArch.X86_64 : TargetArch.Arm64);
        var run = ReviewRun.Of(new ReviewOptions(arch, folders, release.ApiRst, folders, other));
        output.WriteLine(run.Stdout);

        Assert.DoesNotContain(run.Findings, f => f.Id is ReviewIds.ConflictMarker or ReviewIds.Undocumented or ReviewIds.MissingField
            or ReviewIds.WrongFd or ReviewIds.RebaseCollision);
        Assert.Contains("kvmgen review:", run.Stdout);
        Assert.DoesNotContain(run.Stderr.Split('\n'), l => l.Contains(": error ", StringComparison.Ordinal));
    }
}
