using Xunit;
using static KvmSharp.Tests.Analyzers.LockSources;

namespace KvmSharp.Tests.Analyzers;

/// <summary>Rules 6 and 7: what a method did to a memslot before it locks or deletes it.</summary>
public class MemslotSequenceRuleTests
{
    private const string Lock = "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK";
    private const string Unlock = "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK";

    [Fact]
    public Task Write_lock_of_a_read_only_or_dirty_logged_memslot_is_a_warning() => AnalyzerHarness.Verify(Method($$"""
        vm.SetUserMemoryRegion(new KvmUserspaceMemoryRegion { Slot = 3, Flags = (uint)KVM_MEM_READONLY, MemorySize = 0x1000 });
        vm.EnableCap({{Cap}}, {{Lock}}, 3, {|KVM0006:KVM_ARM_LOCK_MEM_READ | KVM_ARM_LOCK_MEM_WRITE|});
        vm.SetUserMemoryRegion(4, 0x10000, memory, (uint)KVM_MEM_LOG_DIRTY_PAGES);
        var c = new KvmEnableCap { Cap = (uint){{Cap}}, Flags = {{Lock}} };
        c.Args[0] = 4;
        c.Args[1] = {|KVM0006:KVM_ARM_LOCK_MEM_READ | KVM_ARM_LOCK_MEM_WRITE|};
        vm.EnableCap(in c);
        vm.EnableCap({{Cap}}, {{Lock}}, 3, KVM_ARM_LOCK_MEM_READ);
        vm.SetUserMemoryRegion(5, 0x20000, memory);
        vm.EnableCap({{Cap}}, {{Lock}}, 5, KVM_ARM_LOCK_MEM_READ | KVM_ARM_LOCK_MEM_WRITE);
        vm.EnableCap({{Cap}}, {{Lock}}, 6, KVM_ARM_LOCK_MEM_READ | KVM_ARM_LOCK_MEM_WRITE);
        """));

    [Fact]
    public Task Deleting_a_locked_memslot_is_a_warning_until_it_is_unlocked() => AnalyzerHarness.Verify(Method($$"""
        vm.EnableCap({{Cap}}, {{Lock}}, 2, KVM_ARM_LOCK_MEM_READ);
        var r = new KvmUserspaceMemoryRegion { Slot = 2 };
        vm.SetUserMemoryRegion({|KVM0007:in r|});
        var s = new KvmUserspaceMemoryRegion { Slot = 2, MemorySize = 0x1000 };
        s.MemorySize = {|KVM0007:0|};
        vm.SetUserMemoryRegion(in s);
        vm.EnableCap({{Cap}}, {{Unlock}}, 2);
        vm.SetUserMemoryRegion(in r);
        vm.EnableCap({{Cap}}, {{Lock}}, 7, KVM_ARM_LOCK_MEM_READ);
        vm.EnableCap({{Cap}}, {{Unlock}}, 0, KVM_ARM_UNLOCK_MEM_ALL);
        vm.SetUserMemoryRegion(new KvmUserspaceMemoryRegion { Slot = 7 });
        vm.EnableCap({{Cap}}, {{Lock}}, 8, KVM_ARM_LOCK_MEM_READ);
        vm.EnableCap({{Cap}}, {{Unlock}}, unknown);
        vm.SetUserMemoryRegion(new KvmUserspaceMemoryRegion { Slot = 8 });
        """));
}
