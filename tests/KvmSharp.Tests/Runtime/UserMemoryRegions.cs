namespace KvmSharp.Tests.Runtime;

/// <summary>Builds <c>struct kvm_userspace_memory_region</c> at the offsets the C compiler printed.</summary>
internal static class UserMemoryRegions
{
    private const string Record = "kvm_userspace_memory_region";

    /// <summary>A region mapping all of <paramref name="memory"/> (or deleting the slot when it is null).</summary>
    public static RawStruct Build(KvmHeaderProbe probe, uint slot, ulong guestPhysicalAddress, GuestMemory? memory)
    {
        if (probe.SizeOf(Record) > RawStruct.Capacity)
            throw new InvalidOperationException($"struct {Record} is larger than {RawStruct.Capacity} bytes");
        var region = new RawStruct();
        region.WriteUInt32(probe.OffsetOf(Record, "slot"), slot);
        region.WriteUInt32(probe.OffsetOf(Record, "flags"), 0);
        region.WriteUInt64(probe.OffsetOf(Record, "guest_phys_addr"), guestPhysicalAddress);
        region.WriteUInt64(probe.OffsetOf(Record, "memory_size"), memory?.Size ?? 0);
        region.WriteUInt64(probe.OffsetOf(Record, "userspace_addr"), memory?.HostAddress ?? 0);
        return region;
    }
}
