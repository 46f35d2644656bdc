namespace KvmSharp.Tests.Analyzers;

/// <summary>
/// The typed ioctl methods with the agreed signatures, for when the generator does not emit them yet: the
/// analyzers recognise the methods by shape, so these stand in for the generated ones exactly.
/// </summary>
internal static class StandInWrappers
{
    public const string Source = """
        namespace KvmSharp
        {
            internal static class KvmSystemIoctls
            {
                public static int CheckExtension(this KvmSystem kvm, KvmCapability capability) => 0;
            }

            internal static class KvmVmIoctls
            {
                public static int CheckExtension(this KvmVm vm, KvmCapability capability) => 0;
                public static void EnableCap(this KvmVm vm, KvmCapability cap, uint flags = 0, ulong arg0 = 0, ulong arg1 = 0, ulong arg2 = 0, ulong arg3 = 0) { }
                public static void EnableCap(this KvmVm vm, in KvmEnableCap cap) { }
                public static void SetUserMemoryRegion(this KvmVm vm, in KvmUserspaceMemoryRegion region) { }
                public static void SetUserMemoryRegion(this KvmVm vm, uint slot, ulong guestPhysAddr, GuestMemory memory, uint flags = 0) { }
                public static void ArmMteCopyTags(this KvmVm vm, ref KvmArmCopyMteTags tags) { }
            }

            internal static class KvmVcpuIoctls
            {
                public static void EnableCap(this KvmVcpu vcpu, KvmCapability cap, uint flags = 0, ulong arg0 = 0, ulong arg1 = 0, ulong arg2 = 0, ulong arg3 = 0) { }
                public static void EnableCap(this KvmVcpu vcpu, in KvmEnableCap cap) { }
            }
        }
        """;
}
