using System.Runtime.InteropServices;
using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>Creating vCPUs, mapping their kvm_run, typed ioctls, and vCPU lifetimes against the real kernel.</summary>
public sealed class KvmVcpuTests
{
    [SkippableFact]
    public void AVcpuMapsItsRunStructureWithTheSizeKvmReports()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        var mmapSize = system.Ioctl(probe["KVM_GET_VCPU_MMAP_SIZE"], 0ul, "KVM_GET_VCPU_MMAP_SIZE");
        using var vcpu = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");

        Assert.False(vcpu.IsRunStructureMapped);
        Assert.Throws<InvalidOperationException>(() => vcpu.RunStructure);
        vcpu.MapRunStructure(mmapSize);

        Assert.True(mmapSize >= Environment.SystemPageSize, $"mmap size {mmapSize}");
        Assert.Same(vm, vcpu.Vm);
        Assert.Equal(0, vcpu.RunStructure % Environment.SystemPageSize);
        Assert.Equal(mmapSize, vcpu.RunStructureSize);
        Assert.Equal(mmapSize, vcpu.RunStructureBytes.Length);
        Assert.True(ProcessResources.IsRunStructureMapped((ulong)vcpu.RunStructure));
        // The page is the kernel's, shared read-write: what we write is there when we read it back.
        vcpu.RunStructureBytes[0] = 1; // kvm_run.request_interrupt_window, harmless before KVM_RUN
        Assert.Equal(1, vcpu.RunStructureBytes[0]);
        Assert.Throws<InvalidOperationException>(() => vcpu.MapRunStructure(mmapSize));
    }

    [SkippableFact]
    public void ASecondVcpuWithTheSameIdIsRejectedWithEEXIST()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        using var first = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");

        var error = Assert.Throws<KvmException>(() => vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU"));

        Assert.Equal("EEXIST", error.ErrnoName);
        Assert.Equal(LinuxErrno.EEXIST, error.Errno);
        Assert.Equal("KVM_CREATE_VCPU", error.Operation);
        Assert.StartsWith("KVM_CREATE_VCPU failed: EEXIST (17)", error.Message);
    }

    [SkippableFact]
    public void AVcpuIdBeyondTheLimitIsRejectedWithEINVAL()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;

        var error = Assert.Throws<KvmException>(() => vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], uint.MaxValue, "KVM_CREATE_VCPU"));

        Assert.Equal("EINVAL", error.ErrnoName);
        Assert.Contains("KVM_CREATE_VCPU", error.Message);
    }

    [SkippableFact]
    public void TypedReadAndWriteIoctlsMoveTheStructThrough()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        // Only x86 has a runnable vCPU right after KVM_CREATE_VCPU; arm64 and riscv need their init ioctls.
        Skip.IfNot(RuntimeInformation.ProcessArchitecture == Architecture.X64, "the mp_state of a fresh vCPU is checked on x86_64 only");
        Assert.True(probe.SizeOf("kvm_mp_state") <= RawStruct.Capacity);
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        using var vcpu = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");

        vcpu.IoctlRead(probe["KVM_GET_MP_STATE"], out RawStruct state, "KVM_GET_MP_STATE");
        Assert.Equal(probe["KVM_MP_STATE_RUNNABLE"], state.ReadUInt32(0));
        Assert.Equal(0, vcpu.IoctlWrite(probe["KVM_SET_MP_STATE"], in state, "KVM_SET_MP_STATE"));
        Assert.Equal(0, vcpu.TryIoctlRead(probe["KVM_GET_MP_STATE"], out RawStruct again));
        Assert.Equal(probe["KVM_MP_STATE_RUNNABLE"], again.ReadUInt32(0));

        var bogus = new RawStruct();
        bogus.WriteUInt32(0, 0xdead);
        Assert.Equal(LinuxErrno.EINVAL, vcpu.TryIoctlWrite(probe["KVM_SET_MP_STATE"], in bogus));
    }

    [SkippableFact]
    public void ADeviceCreatedThroughAReadWriteIoctlOwnsItsFd()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        Assert.True(probe.SizeOf("kvm_create_device") <= RawStruct.Capacity);
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        var request = new RawStruct();
        request.WriteUInt32(probe.OffsetOf("kvm_create_device", "type"), (uint)probe["KVM_DEV_TYPE_VFIO"]);
        request.WriteUInt32(probe.OffsetOf("kvm_create_device", "flags"), (uint)probe["KVM_CREATE_DEVICE_TEST"]);
        var unsupported = vm.TryIoctlReadWrite(probe["KVM_CREATE_DEVICE"], ref request);
        Skip.If(unsupported != 0, $"this kernel has no KVM VFIO device ({LinuxErrno.GetName(unsupported)})");

        request.WriteUInt32(probe.OffsetOf("kvm_create_device", "flags"), 0);
        vm.IoctlReadWrite(probe["KVM_CREATE_DEVICE"], ref request, "KVM_CREATE_DEVICE");
        var device = KvmDevice.FromFileDescriptor((int)request.ReadUInt32(probe.OffsetOf("kvm_create_device", "fd")), vm);

        Assert.Same(vm, device.Vm);
        Assert.StartsWith("anon_inode:kvm-vfio", ProcessResources.FileDescriptorTarget(device.FileDescriptor));
        device.Dispose();
        Assert.True(device.IsClosed);
    }
}
