using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>Each fix: the source before and after.</summary>
public class CodeFixTests
{
    private const string Lock = "KvmConstants.KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK";
    private const string Unlock = "KvmConstants.KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK";

    private static string Source(string statement) => $$"""
        using KvmSharp;

        internal static class Case
        {
            internal static void M(KvmVm vm)
            {
                if (vm.CheckExtension(KvmCapability.ArmLockUserMemoryRegion) == 0)
                    return;
                {{statement}}
            }
        }
        """;

    private static async Task Check(string id, string before, string after)
        => Assert.Equal(Source(after), await CodeFixHarness.Apply(Source(before), id));

    [Fact]
    public Task Add_read_in_place_of_zero() => Check("KVM0001",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, 0);",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_LOCK_MEM_READ);");

    [Fact]
    public Task Add_read_to_write() => Check("KVM0001",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_LOCK_MEM_WRITE);",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_LOCK_MEM_WRITE | KvmConstants.KVM_ARM_LOCK_MEM_READ);");

    [Fact]
    public Task Add_read_as_the_omitted_argument() => Check("KVM0001",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock});",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, arg1: KvmConstants.KVM_ARM_LOCK_MEM_READ);");

    [Fact]
    public Task Write_read_for_unlock_all_with_lock() => Check("KVM0002",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_UNLOCK_MEM_ALL);",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_LOCK_MEM_READ);");

    [Fact]
    public Task Write_unlock_all_for_read_with_unlock_keeping_the_enum_spelling() => Check("KVM0002",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Unlock}, 0, (ulong)KvmArmLockUserMemoryRegionFlagsLockSubFlags.Read);",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Unlock}, 0, (ulong)KvmArmLockUserMemoryRegionFlagsUnlockSubFlags.UnlockMemAll);");

    [Fact]
    public Task Zero_a_reserved_argument() => Check("KVM0003",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_LOCK_MEM_READ, arg3: 1);",
        $"vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, {Lock}, 0, KvmConstants.KVM_ARM_LOCK_MEM_READ, arg3: 0);");

    [Fact]
    public Task Zero_the_flags_of_a_capability_without_flags() => Check("KVM0008",
        "if (vm.CheckExtension(KvmCapability.ArmMte) != 0) vm.EnableCap(KvmCapability.ArmMte, 1);",
        "if (vm.CheckExtension(KvmCapability.ArmMte) != 0) vm.EnableCap(KvmCapability.ArmMte, 0);");

    [Fact]
    public Task Wrap_the_call_in_the_check() => Check("KVM0009",
        "vm.EnableCap(KvmCapability.ArmMte);",
        """
        if (vm.CheckExtension(KvmCapability.ArmMte) != 0)
                {
                    vm.EnableCap(KvmCapability.ArmMte);
                }
        """);
}
