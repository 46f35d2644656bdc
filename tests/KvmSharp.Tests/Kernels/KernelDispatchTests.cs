using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>The dispatcher reader on a hand-written source tree, and on the releases themselves.</summary>
public sealed class KernelDispatchTests
{
    private const string Generic = """
        static long kvm_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg);

        /* case KVM_IN_A_COMMENT: { */
        static long kvm_vm_ioctl(struct file *filp,
                                 unsigned int ioctl, unsigned long arg)
        {
                const char *s = "case KVM_IN_A_STRING: }";
                switch (ioctl) {
                case KVM_CREATE_VCPU:
                        r = create(kvm, arg);
                        break;
                case KVM_ENABLE_CAP: {
                        switch (cap.cap) {
                        case KVM_CAP_NOT_AN_IOCTL:
                                break;
                        }
                        break;
                }
        #ifdef CONFIG_KVM_MMIO
                case KVM_REGISTER_COALESCED_MMIO:
                        r = reg(kvm);
                        break;
        #endif
                case KVM_TRACE_ENABLE:
                case KVM_TRACE_PAUSE:
                        r = -EOPNOTSUPP;
                        break;
                default:
                        r = kvm_arch_vm_ioctl(filp, ioctl, arg);
                }
                return r;
        }

        static long not_a_dispatcher(unsigned int ioctl)
        {
                switch (ioctl) {
                case KVM_ELSEWHERE:
                        return 0;
                }
        }
        """;

    private const string S390 = """
        long kvm_arch_dev_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
        {
                if (ioctl == KVM_S390_ENABLE_SIE)
                        return s390_enable_sie();
                return -EINVAL;
        }
        """;

    private static readonly KernelDispatch Kernel = KernelDispatch.Parse(new[]
    {
        ("virt/kvm/kvm_main.c", Generic),
        ("arch/s390/kvm/kvm-s390.c", S390),
        ("arch/x86/kvm/Kconfig", "config KVM\n\tselect KVM_MMIO\n\tselect OTHER if X86_64\n"),
        ("arch/arm64/kvm/Kconfig", "config KVM\n\tselect KVM_MMIO\n"),
        ("arch/s390/kvm/Kconfig", "config KVM\n\tselect HAVE_KVM_IRQ_ROUTING\n"),
    });

    [Fact]
    public void Only_the_top_labels_of_switch_ioctl_in_dispatcher_bodies_count()
    {
        Assert.Equal(new[] { "virt/kvm/kvm_main.c kvm_vm_ioctl", "arch/s390/kvm/kvm-s390.c kvm_arch_dev_ioctl" }, Kernel.Functions);
        Assert.Equal(
            new[] { "KVM_CREATE_VCPU", "KVM_ENABLE_CAP", "KVM_REGISTER_COALESCED_MMIO", "KVM_S390_ENABLE_SIE" },
            Kernel.Names.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(IoctlFds.Vm, Kernel.FdsOf("KVM_CREATE_VCPU"));
        Assert.Equal(IoctlFds.System, Kernel.FdsOf("KVM_S390_ENABLE_SIE"));
    }

    [Fact]
    public void Labels_that_only_refuse_are_not_handling()
    {
        Assert.All(Kernel.Labels.Where(l => l.Name.StartsWith("KVM_TRACE_", StringComparison.Ordinal)), l => Assert.True(l.Rejected));
        Assert.Empty(Kernel.Handling("KVM_TRACE_PAUSE"));
    }

    [Fact]
    public void Arches_come_from_arch_folders_and_from_the_kconfig_of_a_generic_ifdef()
    {
        Assert.Equal(new[] { "s390x" }, Kernel.KernelTargets("KVM_S390_ENABLE_SIE"));
        Assert.True(Kernel.ArchOnly("KVM_S390_ENABLE_SIE"));
        Assert.Equal(new[] { "arm64", "x86_64" }, Kernel.KernelTargets("KVM_REGISTER_COALESCED_MMIO")!.OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal("ifdef CONFIG_KVM_MMIO", Kernel.Labels.Single(l => l.Name == "KVM_REGISTER_COALESCED_MMIO").Condition);
        Assert.Equal(5, Kernel.KernelTargets("KVM_CREATE_VCPU")!.Count);
        Assert.Null(Kernel.KernelTargets("KVM_NOT_TAKEN"));
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void Each_release_has_the_generic_dispatchers_and_the_known_anchors(string version)
    {
        var kernel = KernelDispatch.Of(KernelRelease.Get(version));
        foreach (var function in new[] { "kvm_dev_ioctl", "kvm_vm_ioctl", "kvm_vcpu_ioctl", "kvm_device_ioctl" })
            Assert.Contains($"virt/kvm/kvm_main.c {function}", kernel.Functions);
        Assert.Contains("arch/x86/kvm/x86.c kvm_arch_vm_ioctl", kernel.Functions);
        Assert.True(kernel.Names.Count > 100, $"{version}: {kernel.Names.Count} ioctls dispatched");
        Assert.Equal(IoctlFds.System, kernel.FdsOf("KVM_GET_API_VERSION"));
        Assert.Equal(IoctlFds.System, kernel.FdsOf("KVM_CREATE_VM"));
        Assert.Equal(IoctlFds.System | IoctlFds.Vm, kernel.FdsOf("KVM_CHECK_EXTENSION"));
        Assert.Equal(IoctlFds.Vm, kernel.FdsOf("KVM_CREATE_VCPU"));
        Assert.Equal(IoctlFds.Vcpu, kernel.FdsOf("KVM_RUN"));
        Assert.Equal(IoctlFds.Vm | IoctlFds.Vcpu, kernel.FdsOf("KVM_ENABLE_CAP"));
        Assert.Equal(IoctlFds.System | IoctlFds.Vcpu, kernel.FdsOf("KVM_GET_MSRS"));
        Assert.Equal(new[] { "x86_64" }, kernel.KernelTargets("KVM_GET_MSRS"));
        Assert.True(kernel.FdsOf("KVM_SET_DEVICE_ATTR").HasFlag(IoctlFds.Device));
    }
}
