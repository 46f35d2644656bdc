using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>Many create and dispose cycles leave the process with the KVM fds and mappings it started with.</summary>
[Collection(ProcessResourceCollection.Name)]
public sealed class FileDescriptorLeakTests
{
    [SkippableFact]
    public void TenThousandVmsCreatedAndDisposedLeakNoFd()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var request = probe["KVM_CREATE_VM"];
        using var system = KvmSystem.Open();
        ProcessResources.SettleFinalizers();
        var before = ProcessResources.KvmFileDescriptorCount();

        for (var cycle = 0; cycle < 10_000; cycle++)
        {
            using var vm = system.IoctlCreateVm(request, 0, "KVM_CREATE_VM");
        }

        ProcessResources.SettleFinalizers();
        Assert.Equal(before, ProcessResources.KvmFileDescriptorCount());
    }

    [SkippableFact]
    public void VmsWithVcpusRunMappingsAndMemoryLeakNoFdAndNoMapping()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        using var system = KvmSystem.Open();
        var mmapSize = system.Ioctl(probe["KVM_GET_VCPU_MMAP_SIZE"], 0ul, "KVM_GET_VCPU_MMAP_SIZE");
        ProcessResources.SettleFinalizers();
        var before = ProcessResources.KvmFileDescriptorCount();
        var marks = new List<MappingMark>();

        for (var cycle = 0; cycle < 200; cycle++)
        {
            using var memory = new GuestMemory(0x10000);
            using var vm = system.IoctlCreateVm(probe["KVM_CREATE_VM"], 0, "KVM_CREATE_VM");
            using var vcpu = vm.IoctlCreateVcpu(probe["KVM_CREATE_VCPU"], 0, "KVM_CREATE_VCPU");
            vcpu.MapRunStructure(mmapSize);
            var region = UserMemoryRegions.Build(probe, slot: 0, guestPhysicalAddress: 0, memory);
            vm.IoctlSetUserMemory(probe["KVM_SET_USER_MEMORY_REGION"], in region, 0, memory, "KVM_SET_USER_MEMORY_REGION");
            if (cycle % 50 == 0)
                marks.Add(ProcessResources.Mark(memory));
        }

        ProcessResources.SettleFinalizers();
        Assert.Equal(before, ProcessResources.KvmFileDescriptorCount());
        Assert.DoesNotContain(marks, mark => mark.IsMapped);
    }
}
