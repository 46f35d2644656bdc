using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// Guest memory: page-aligned anonymous mappings, and the lifetime rule that a mapping a VM's slot points
/// at outlives <see cref="GuestMemory.Dispose"/> until the VM (and every vCPU of it) is gone.
/// </summary>
[Collection(ProcessResourceCollection.Name)]
public sealed class GuestMemoryTests
{
    private static readonly ulong Page = (ulong)Environment.SystemPageSize;

    [Fact]
    public void MemoryIsPageAlignedZeroedAndRoundedUpToWholePages()
    {
        using var memory = new GuestMemory(Page + 1);

        Assert.Equal(2 * Page, memory.Size);
        Assert.Equal(0ul, memory.HostAddress % Page);
        Assert.Equal((int)(2 * Page), memory.Span.Length);
        Assert.True(memory.Span.IndexOfAnyExcept((byte)0) < 0);
        memory.GetSpan(Page, 4).Fill(0xAB);
        Assert.Equal(0xAB, memory.Span[(int)Page + 3]);
        Assert.Equal("", ProcessResources.MappingAt(memory.HostAddress));
    }

    [Fact]
    public void SpansOutsideTheMappingAreRefused()
    {
        using var memory = new GuestMemory(Page);

        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(Page, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(Page + 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestMemory(0));
        Assert.Equal(0, memory.GetSpan(Page, 0).Length);
    }

    [Fact]
    public void UnregisteredMemoryIsUnmappedByDispose()
    {
        var memory = new GuestMemory(Page);
        var mark = ProcessResources.Mark(memory);
        Assert.True(mark.IsMapped);

        memory.Dispose();

        Assert.True(memory.IsDisposed);
        Assert.False(mark.IsMapped);
        Assert.Throws<ObjectDisposedException>(() => memory.HostAddress);
        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        memory.Dispose();
    }

    [SkippableFact]
    public void MemoryRegisteredInAVmStaysMappedUntilTheVmIsGone()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        var memory = new GuestMemory(16 * Page);
        var mark = ProcessResources.Mark(memory);
        var region = UserMemoryRegions.Build(probe, slot: 3, guestPhysicalAddress: 0x100000, memory);

        vm.IoctlSetUserMemory(probe["KVM_SET_USER_MEMORY_REGION"], in region, 3, memory, "KVM_SET_USER_MEMORY_REGION");
        memory.Dispose();

        Assert.Equal(new[] { 3u }, vm.TrackedSlots);
        Assert.True(memory.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        Assert.True(mark.IsMapped, "unmapped while the VM still maps it");
        vm.Dispose();
        Assert.False(mark.IsMapped, "still mapped after the VM was disposed");
    }

    [SkippableFact]
    public void AVcpuKeepsTheVmsMemoryMappedAfterTheVmIsDisposed()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        var memory = new GuestMemory(Page);
        var region = UserMemoryRegions.Build(probe, slot: 0, guestPhysicalAddress: 0, memory);
        vm.IoctlSetUserMemory(probe["KVM_SET_USER_MEMORY_REGION"], in region, 0, memory, "KVM_SET_USER_MEMORY_REGION");
        var vcpu = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");
        var mark = ProcessResources.Mark(memory);

        memory.Dispose();
        vm.Dispose();

        // The vCPU could still enter the guest, so its memory must stay where the kernel thinks it is.
        Assert.True(mark.IsMapped);
        vcpu.Dispose();
        Assert.False(mark.IsMapped);
    }

    [SkippableFact]
    public void ARegionTheKernelRefusesIsNotTracked()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        var memory = new GuestMemory(Page);
        // A guest physical address off a page boundary: KVM answers EINVAL.
        var region = UserMemoryRegions.Build(probe, slot: 0, guestPhysicalAddress: 1, memory);

        var error = Assert.Throws<KvmException>(() =>
            vm.IoctlSetUserMemory(probe["KVM_SET_USER_MEMORY_REGION"], in region, 0, memory, "KVM_SET_USER_MEMORY_REGION"));

        Assert.Equal("EINVAL", error.ErrnoName);
        Assert.Equal("KVM_SET_USER_MEMORY_REGION", error.Operation);
        Assert.Empty(vm.TrackedSlots);
        var mark = ProcessResources.Mark(memory);
        memory.Dispose();
        Assert.False(mark.IsMapped);
    }

    [SkippableFact]
    public void DeletingOrReplacingASlotLetsGoOfItsMemory()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        using var __ = vm;
        var request = probe["KVM_SET_USER_MEMORY_REGION"];
        var first = new GuestMemory(Page);
        var second = new GuestMemory(Page);
        var (firstMark, secondMark) = (ProcessResources.Mark(first), ProcessResources.Mark(second));
        var region = UserMemoryRegions.Build(probe, slot: 1, guestPhysicalAddress: 0, first);
        vm.IoctlSetUserMemory(request, in region, 1, first, "KVM_SET_USER_MEMORY_REGION");
        first.Dispose();
        Assert.True(firstMark.IsMapped);

        // KVM moves a slot to new memory only through deletion: delete, then set again.
        var delete = UserMemoryRegions.Build(probe, slot: 1, guestPhysicalAddress: 0, memory: null);
        vm.IoctlSetUserMemory(request, in delete, 1, memory: null, "KVM_SET_USER_MEMORY_REGION");
        Assert.False(firstMark.IsMapped, "a deleted slot still holds its memory");
        Assert.Empty(vm.TrackedSlots);

        region = UserMemoryRegions.Build(probe, slot: 1, guestPhysicalAddress: 0, second);
        vm.IoctlSetUserMemory(request, in region, 1, second, "KVM_SET_USER_MEMORY_REGION");
        second.Dispose();
        Assert.True(secondMark.IsMapped);
        Assert.True(vm.UntrackUserMemory(1));
        Assert.False(vm.UntrackUserMemory(1));
        Assert.False(secondMark.IsMapped);
    }

    [SkippableFact]
    public void TrackingDisposedMemoryOrTrackingInADisposedVmIsRefused()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var (system, vm) = KvmTestHost.CreateVm(probe);
        using var _ = system;
        var disposed = new GuestMemory(Page);
        disposed.Dispose();
        using var live = new GuestMemory(Page);

        Assert.Throws<ObjectDisposedException>(() => vm.TrackUserMemory(0, disposed));
        vm.TrackUserMemory(0, live);
        vm.Dispose();
        Assert.Throws<ObjectDisposedException>(() => vm.TrackUserMemory(1, live));
    }
}
