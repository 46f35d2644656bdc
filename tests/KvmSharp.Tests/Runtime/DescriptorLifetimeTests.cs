using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>When fds and kvm_run mappings really go away, as the kernel sees it through /proc/self.</summary>
[Collection(ProcessResourceCollection.Name)]
public sealed class DescriptorLifetimeTests
{
    [SkippableFact]
    public void DisposingAVcpuUnmapsItsRunStructureThenClosesItsFd()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        var vcpu = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");
        vcpu.MapRunStructure(system.Ioctl(probe["KVM_GET_VCPU_MMAP_SIZE"], 0ul, "KVM_GET_VCPU_MMAP_SIZE"));
        var run = (ulong)vcpu.RunStructure;
        var fd = vcpu.FileDescriptor;
        Assert.StartsWith("anon_inode:kvm-vcpu", ProcessResources.FileDescriptorTarget(fd));
        Assert.True(ProcessResources.IsRunStructureMapped(run));

        vcpu.Dispose();

        Assert.False(ProcessResources.IsRunStructureMapped(run), "kvm_run is still mapped");
        Assert.False(ProcessResources.IsKvmFileDescriptor(fd), "the vCPU fd is still open");
        Assert.Throws<ObjectDisposedException>(() => vcpu.RunStructure);
        Assert.Throws<ObjectDisposedException>(() => vcpu.RunStructureBytes.Length);
        Assert.Throws<ObjectDisposedException>(() => vcpu.Ioctl(probe["KVM_GET_MP_STATE"], 0, "KVM_GET_MP_STATE"));
        Assert.Throws<ObjectDisposedException>(() => vcpu.MapRunStructure(4096));
    }

    [SkippableFact]
    public void AVmKeepsItsFdWhileAVcpuOfItLives()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        var vcpu = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");
        var vmFd = vm.FileDescriptor;

        vm.Dispose();

        // Disposed for the caller, yet the fd stays open, as the kernel's VM does, until the vCPU goes.
        Assert.Throws<ObjectDisposedException>(() => vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 1, "KVM_CREATE_VCPU"));
        Assert.StartsWith("anon_inode:kvm-vm", ProcessResources.FileDescriptorTarget(vmFd));
        vcpu.Dispose();
        Assert.False(ProcessResources.IsKvmFileDescriptor(vmFd), "the VM fd is still open");
    }

    [SkippableFact]
    public void AChildOfADisposedVmClosesTheFdItWasGiven()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        vm.Dispose();
        // An fd that is ours to lose: the runtime takes ownership even when it cannot wrap it.
        var fd = system.IoctlReturningFileDescriptor(probe["KVM_CREATE_VM"], 0, "KVM_CREATE_VM");

        Assert.Throws<ObjectDisposedException>(() => KvmVcpu.FromFileDescriptor(fd, vm));

        Assert.False(ProcessResources.IsKvmFileDescriptor(fd));
    }

    [SkippableFact]
    public void ADescriptorNobodyDisposedIsClosedByItsFinalizer()
    {
        KvmTestHost.RequireKvm();
        var fd = OpenAndForget();

        ProcessResources.SettleFinalizers();

        Assert.False(ProcessResources.IsKvmFileDescriptor(fd));
    }

    // Not inlined, so that no local keeps the system alive while the test collects.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int OpenAndForget() => KvmSystem.Open().FileDescriptor;
}
