using KvmSharp.Cli.Review;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Review;

/// <summary>
/// The checks the seed RFC passes, each made to fail by the mistake it is there for, on the same patched 6.1 tree: only
/// the findings the unpatched tree does not have are looked at, and each must be exactly the expected one.
/// </summary>
public sealed class RfcVariantTests(ITestOutputHelper output)
{
    private const string Version = "6.1";

    // A new vm ioctl the RFC does not have, on a number 6.1 already gives two others, documented as a vcpu ioctl with an (out) argument.
    private const string NewIoctl = "#define KVM_ARM_LOCK_MEMSLOT _IOW(KVMIO, 0xd0, struct kvm_enable_cap)\n";
    private const string NewIoctlSection = """
        4.999 KVM_ARM_LOCK_MEMSLOT
        --------------------------

        :Capability: KVM_CAP_ARM_LOCK_USER_MEMORY_REGION
        :Architectures: arm64
        :Type: vcpu ioctl
        :Parameters: struct kvm_enable_cap (out)
        :Returns: 0 on success; negative error code on failure

        Locks a memslot.


        """;

    private List<PrintedFinding> NewFindings(LockMemslotRfcTree tree)
    {
        var patched = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, new[] { tree.Include }, tree.ApiRst, tree.BaseInclude, tree.X86Include));
        var unpatched = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, tree.BaseInclude, tree.Release.ApiRst, tree.BaseInclude, tree.X86Include));
        var added = patched.Findings.ToList();
        foreach (var key in unpatched.Findings.Select(f => f.Key))
            added.RemoveAt(added.FindIndex(f => f.Key == key));
        output.WriteLine(string.Join("\n", added));
        return added;
    }

    private static string WithoutSeedNits(string section)
        => section.Replace("KVM_ARM_LOCK_MEMORY_", "KVM_ARM_LOCK_MEM_").Replace(">>>>>>> 56641eee289e (KVM: arm64: Add lock/unlock memslot user API)\n", "");

    private static string Rebased(string header) => header.Replace("KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 207", "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 224");

    [Fact]
    public void A_new_capability_without_a_section_is_KVMR0003_at_its_define()
    {
        using var tree = LockMemslotRfcTree.Create(Version, Rebased, _ => "");
        var finding = Assert.Single(NewFindings(tree));

        Assert.Equal(ReviewIds.Undocumented, finding.Id);
        Assert.Equal((tree.KvmHeader, LockMemslotRfcTree.Find(tree.KvmHeader, "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 224").Line), (finding.File, finding.Line));
        Assert.StartsWith("KVM_CAP_ARM_LOCK_USER_MEMORY_REGION is new", finding.Message);
    }

    [Fact]
    public void A_section_without_its_chapters_Returns_is_KVMR0004_at_its_heading()
    {
        using var tree = LockMemslotRfcTree.Create(Version, Rebased, s => WithoutSeedNits(s).Replace(":Returns: 0 on success; negative error code on failure\n", ""));
        var finding = Assert.Single(NewFindings(tree));

        Assert.Equal(ReviewIds.MissingField, finding.Id);
        Assert.Equal(LockMemslotRfcTree.Find(tree.ApiRst, "7.30 KVM_CAP_ARM_LOCK_USER_MEMORY_REGION").Line, finding.Line);
        // Chapter 7's preamble of 6.1 lists Architectures, Parameters, Returns (chapter 6's adds Target).
        Assert.Contains("has no :Returns:", finding.Message);
    }

    [Fact]
    public void A_capability_documented_on_the_vcpu_fd_is_KVMR0005_since_arm64_enables_capabilities_on_the_vm_only()
    {
        using var tree = LockMemslotRfcTree.Create(Version, Rebased, s => WithoutSeedNits(s).Replace(":Target: VM\n:Parameters: flags", ":Target: vcpu\n:Parameters: flags"));
        var finding = Assert.Single(NewFindings(tree));

        Assert.Equal(ReviewIds.WrongFd, finding.Id);
        Assert.Equal(LockMemslotRfcTree.Find(tree.ApiRst, ":Target: vcpu", after: "7.30 KVM_CAP_ARM_LOCK_USER_MEMORY_REGION").Line, finding.Line);
        Assert.Contains("arm64 takes KVM_ENABLE_CAP on the vm fd only", finding.Message);
    }

    [Fact]
    public void Sub_flags_written_without_their_indent_share_bits_with_their_siblings_KVMR0008()
    {
        using var tree = LockMemslotRfcTree.Create(Version, h => Rebased(h).Replace("#define   KVM_", "#define KVM_"), WithoutSeedNits);
        var found = NewFindings(tree);

        // LOCK 1, READ 1, WRITE 2, UNLOCK 2, UNLOCK_MEM_ALL 1: three repeat a bit of an earlier one.
        Assert.All(found, f => Assert.Equal(ReviewIds.SharedBit, f.Id));
        Assert.Equal(new[] { "KVM_ARM_LOCK_MEM_READ", "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK", "KVM_ARM_UNLOCK_MEM_ALL" },
            found.Select(f => f.Subject).Order().ToArray());
        Assert.Equal(LockMemslotRfcTree.Find(tree.KvmHeader, "#define KVM_ARM_LOCK_MEM_READ").Line,
            found.Single(f => f.Subject == "KVM_ARM_LOCK_MEM_READ").Line);
    }

    [Fact]
    public void A_new_ioctl_on_a_taken_number_documented_on_another_fd_and_direction_gets_KVMR0007_KVMR0005_and_KVMR0009()
    {
        using var tree = LockMemslotRfcTree.Create(Version,
            h => Rebased(h).Replace("/* ioctl for vm fd */\n", "/* ioctl for vm fd */\n" + NewIoctl),
            s => WithoutSeedNits(s) + NewIoctlSection.Replace("\r", ""));
        var found = NewFindings(tree).OrderBy(f => f.Id).ToList();

        Assert.Equal(new[] { ReviewIds.WrongFd, ReviewIds.RebaseCollision, ReviewIds.Direction }.Order(), found.Select(f => f.Id));
        var collision = found.Single(f => f.Id == ReviewIds.RebaseCollision);
        Assert.Equal((tree.KvmHeader, LockMemslotRfcTree.Find(tree.KvmHeader, "#define KVM_ARM_LOCK_MEMSLOT").Line), (collision.File, collision.Line));
        Assert.Contains("(0xae, 0xd0) is already", collision.Message);
        Assert.Contains("KVM_S390_PV_CPU_COMMAND", collision.Message);
        Assert.Contains("KVM_XEN_HVM_EVTCHN_SEND", collision.Message);
        var fd = found.Single(f => f.Id == ReviewIds.WrongFd);
        Assert.Equal(LockMemslotRfcTree.Find(tree.ApiRst, ":Type: vcpu ioctl", after: "4.999 KVM_ARM_LOCK_MEMSLOT").Line, fd.Line);
        Assert.Contains("the header's comment '", fd.Message);
        var direction = found.Single(f => f.Id == ReviewIds.Direction);
        Assert.Equal(LockMemslotRfcTree.Find(tree.ApiRst, ":Parameters: struct kvm_enable_cap (out)").Line, direction.Line);
        Assert.Contains("with _IOW", direction.Message);
    }

    [Fact]
    public void A_new_ioctl_without_a_section_is_KVMR0003()
    {
        using var tree = LockMemslotRfcTree.Create(Version,
            h => Rebased(h).Replace("/* ioctl for vm fd */\n", "/* ioctl for vm fd */\n" + NewIoctl.Replace("0xd0", "0xe8")), WithoutSeedNits);
        var finding = Assert.Single(NewFindings(tree));

        Assert.Equal(ReviewIds.Undocumented, finding.Id);
        Assert.Equal("KVM_ARM_LOCK_MEMSLOT", finding.Subject);
    }
}
