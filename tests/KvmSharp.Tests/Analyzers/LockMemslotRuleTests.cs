using Xunit;
using static KvmSharp.Tests.Analyzers.LockSources;

namespace KvmSharp.Tests.Analyzers;

/// <summary>Rules 1-5 of the lock-memslot capability, each way a call can be written, against the patched arm64 header.</summary>
public class LockMemslotRuleTests
{
    private const string Lock = "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK";
    private const string Unlock = "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK";

    [Fact]
    public Task Lock_without_read_is_an_error_every_way_it_is_written() => AnalyzerHarness.Verify(Method($$"""
        vm.EnableCap({{Cap}}, {{Lock}}, 0, {|KVM0001:KVM_ARM_LOCK_MEM_WRITE|});
        vm.EnableCap({{Cap}}, flags: {{Lock}}, arg1: {|KVM0001:0|});
        vm.EnableCap(arg0: 1, capability: {{Cap}}, flags: (uint)KvmArmLockUserMemoryRegionFlags.Lock, arg1: {|KVM0001:(ulong)KvmArmLockUserMemoryRegionFlagsLockSubFlags.Write|});
        {|KVM0001:vm.EnableCap({{Cap}}, {{Lock}})|};
        var c = new KvmEnableCap();
        c.Cap = (uint){{Cap}};
        c.Flags = {{Lock}};
        c.Args[1] = {|KVM0001:KVM_ARM_LOCK_MEM_WRITE|};
        vm.EnableCap(in c);
        var d = new KvmEnableCap { Cap = (uint){{Cap}}, Flags = {{Lock}} };
        vm.EnableCap({|KVM0001:in d|});
        """));

    [Fact]
    public Task The_typed_form_takes_the_flag_enums_with_no_cast_and_is_judged_as_the_numeric_one() => AnalyzerHarness.Verify(Method($$"""
        uint slot = 3;
        vm.EnableCap({{Cap}}, KvmArmLockUserMemoryRegionFlags.Lock, slot, KvmArmLockUserMemoryRegionFlagsLockSubFlags.Read);
        vm.EnableCap({{Cap}}, KvmArmLockUserMemoryRegionFlags.Lock, slot,
            KvmArmLockUserMemoryRegionFlagsLockSubFlags.Read | KvmArmLockUserMemoryRegionFlagsLockSubFlags.Write);
        vm.EnableCap({{Cap}}, KvmArmLockUserMemoryRegionFlags.Lock, slot, {|KVM0001:KvmArmLockUserMemoryRegionFlagsLockSubFlags.Write|});
        {|KVM0001:vm.EnableCap({{Cap}}, KvmArmLockUserMemoryRegionFlags.Lock)|};
        vm.EnableCap({{Cap}}, KvmArmLockUserMemoryRegionFlags.Unlock, 0, {|KVM0002:KvmArmLockUserMemoryRegionFlagsLockSubFlags.Read|});
        vm.EnableCap({{Cap}}, KvmArmLockUserMemoryRegionFlags.Unlock, slot, KvmArmLockUserMemoryRegionFlagsUnlockSubFlags.UnlockMemAll);
        vm.EnableCap({{Cap}}, {|KVM0004:KvmArmLockUserMemoryRegionFlags.Lock | KvmArmLockUserMemoryRegionFlags.Unlock|}, slot, KvmArmLockUserMemoryRegionFlagsLockSubFlags.Read);
        """));

    [Fact]
    public Task Lock_with_read_or_unknown_values_is_silent() => AnalyzerHarness.Verify(Method($$"""
        vm.EnableCap({{Cap}}, {{Lock}}, 0, KVM_ARM_LOCK_MEM_READ);
        vm.EnableCap({{Cap}}, {{Lock}}, 0, KVM_ARM_LOCK_MEM_READ | KVM_ARM_LOCK_MEM_WRITE);
        vm.EnableCap({{Cap}}, {{Lock}}, 0, (ulong)(KvmArmLockUserMemoryRegionFlagsLockSubFlags.Read | KvmArmLockUserMemoryRegionFlagsLockSubFlags.Write));
        vm.EnableCap({{Cap}}, {{Lock}}, 0, unknown);
        vm.EnableCap({{Cap}}, unknownFlags, 0, 0);
        vm.EnableCap({{Cap}}, {{Unlock}}, 3);
        var c = new KvmEnableCap();
        c.Cap = (uint){{Cap}};
        c.Flags = {{Lock}};
        c.Args[1] = KVM_ARM_LOCK_MEM_READ;
        vm.EnableCap(in c);
        var e = new KvmEnableCap();
        e.Cap = (uint){{Cap}};
        e.Flags = {{Lock}};
        if (condition)
            e.Args[1] = KVM_ARM_LOCK_MEM_WRITE;
        else
            e.Args[1] = KVM_ARM_LOCK_MEM_READ;
        vm.EnableCap(in e);
        """));

    [Fact]
    public Task A_flag_of_the_other_action_is_a_warning_both_ways() => AnalyzerHarness.Verify(Method($$"""
        vm.EnableCap({{Cap}}, {{Lock}}, 0, {|KVM0002:KVM_ARM_UNLOCK_MEM_ALL|});
        vm.EnableCap({{Cap}}, {{Lock}}, 0, (ulong){|KVM0002:KvmArmLockUserMemoryRegionFlagsUnlockSubFlags.UnlockMemAll|} | KVM_ARM_LOCK_MEM_WRITE);
        vm.EnableCap({{Cap}}, {{Unlock}}, 0, {|KVM0002:KVM_ARM_LOCK_MEM_READ|});
        vm.EnableCap({{Cap}}, {{Unlock}}, 0, {|KVM0005:{|KVM0002:KVM_ARM_LOCK_MEM_WRITE|}|});
        vm.EnableCap({{Cap}}, {{Unlock}}, 0, KVM_ARM_UNLOCK_MEM_ALL);
        vm.EnableCap({{Cap}}, {{Lock}}, 0, 1);
        """));

    [Fact]
    public Task Nonzero_args2_or_args3_is_an_error() => AnalyzerHarness.Verify(Method($$"""
        vm.EnableCap({{Cap}}, {{Lock}}, 0, KVM_ARM_LOCK_MEM_READ, {|KVM0003:1|});
        vm.EnableCap({{Cap}}, {{Unlock}}, 0, arg3: {|KVM0003:2 | 4|});
        vm.EnableCap({{Cap}}, {|KVM0004:3|}, 0, 0, {|KVM0003:1|}, {|KVM0003:1|});
        var c = new KvmEnableCap();
        c.Cap = (uint){{Cap}};
        c.Flags = {{Unlock}};
        c.Args[2] = {|KVM0003:7|};
        vm.EnableCap(in c);
        vm.EnableCap({{Cap}}, {{Lock}}, 0, KVM_ARM_LOCK_MEM_READ, 0, 0);
        vm.EnableCap({{Cap}}, {{Lock}}, 0, KVM_ARM_LOCK_MEM_READ, unknown, unknown);
        """));

    [Fact]
    public Task Flags_not_exactly_one_action_is_an_error() => AnalyzerHarness.Verify(Method($$"""
        {|KVM0004:vm.EnableCap({{Cap}})|};
        vm.EnableCap({{Cap}}, {|KVM0004:{{Lock}} | {{Unlock}}|}, 0, KVM_ARM_LOCK_MEM_READ);
        vm.EnableCap({{Cap}}, flags: {|KVM0004:4|});
        var c = new KvmEnableCap { Cap = (uint){{Cap}}, Flags = {|KVM0004:0|} };
        vm.EnableCap(in c);
        vm.EnableCap({{Cap}}, (uint)KvmArmLockUserMemoryRegionFlags.Unlock, 0, 0);
        """));

    [Fact]
    public Task Bits_no_flag_of_the_action_defines_are_a_warning() => AnalyzerHarness.Verify(Method($$"""
        vm.EnableCap({{Cap}}, {{Lock}}, 0, {|KVM0005:KVM_ARM_LOCK_MEM_READ | 4|});
        vm.EnableCap({{Cap}}, {{Unlock}}, 0, {|KVM0005:0x100|});
        vm.EnableCap({{Cap}}, {{Lock}}, 0, KVM_ARM_LOCK_MEM_READ | KVM_ARM_LOCK_MEM_WRITE);
        """));

    [Fact]
    public Task Nonzero_flags_for_a_capability_without_flags_is_a_warning() => AnalyzerHarness.Verify(Method("""
        vm.EnableCap(KvmCapability.ArmMte, {|KVM0008:1|});
        var c = new KvmEnableCap { Cap = (uint)KvmCapability.ArmNisvToUser };
        c.Flags = {|KVM0008:2|};
        vm.EnableCap(in c);
        vm.EnableCap(KvmCapability.ArmMte);
        vm.EnableCap(KvmCapability.ArmNisvToUser, 0);
        vm.EnableCap(KvmCapability.ArmMte, unknownFlags);
        """));
}
