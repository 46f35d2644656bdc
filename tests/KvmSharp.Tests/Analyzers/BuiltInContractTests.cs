using KvmSharp.Generator.Emission.Contracts;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>
/// Every contract KvmSharp ships (<see cref="ContractBuiltIns"/>) fires on a call the kernel refuses and stays silent on one
/// it takes, as the kernel's documentation says (Documentation/virt/kvm/api.rst of 7.2, under ~/.cache/kvmsharp/kernels):
/// 4.37 KVM_ENABLE_CAP: "flags: a bitfield indicating future enhancements. Has to be 0 for now", for every capability;
/// 7.18 KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2: "Valid flags are" KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE (1 &lt;&lt; 0) and
/// KVM_DIRTY_LOG_INITIALLY_SET (1 &lt;&lt; 1) in args[0]; 7.20 KVM_CAP_HALT_POLL: args[0] is the maximum poll time in
/// nanoseconds; 7.41 KVM_CAP_ARM_SYSTEM_SUSPEND: enabled with no parameters.
/// </summary>
public sealed class BuiltInContractTests
{
    /// <summary>Per built-in contract: a call the kernel refuses (marked) and one it takes.</summary>
    public static readonly TheoryData<string, string, string> Cases = new()
    {
        {
            "KVM_CAP_HALT_POLL",
            "vm.EnableCap(KvmCapability.HaltPoll, {|KVM0008:1|}, 200000);",
            "vm.EnableCap(KvmCapability.HaltPoll, 0, 200000);"
        },
        {
            "KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2",
            "vm.EnableCap(KvmCapability.ManualDirtyLogProtect2, 0, {|KVM0005:KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE | 4|});",
            "vm.EnableCap(KvmCapability.ManualDirtyLogProtect2, 0, KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE | KVM_DIRTY_LOG_INITIALLY_SET);"
        },
        {
            "KVM_CAP_ARM_SYSTEM_SUSPEND",
            "vm.EnableCap(KvmCapability.ArmSystemSuspend, {|KVM0008:2|});",
            "vm.EnableCap(KvmCapability.ArmSystemSuspend);"
        },
        {
            "KVM_CAP_ARM_MTE",
            "vm.EnableCap(KvmCapability.ArmMte, {|KVM0008:1|});",
            "vm.EnableCap(KvmCapability.ArmMte, 0);"
        },
        {
            "KVM_CAP_ARM_NISV_TO_USER",
            "vm.EnableCap(KvmCapability.ArmNisvToUser, {|KVM0008:1|});",
            "vm.EnableCap(KvmCapability.ArmNisvToUser);"
        },
        {
            "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION",
            "vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK, 0, KVM_ARM_LOCK_MEM_READ, {|KVM0003:1|});",
            "vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK, 0, KVM_ARM_LOCK_MEM_READ);"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task A_refused_call_fires(string capability, string refused, string taken)
    {
        _ = (capability, taken);
        return AnalyzerHarness.Verify(Source(capability, refused));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task A_taken_call_is_silent(string capability, string refused, string taken)
    {
        _ = refused;
        return AnalyzerHarness.Verify(Source(capability, taken));
    }

    [Fact]
    public void Every_built_in_contract_reads_cleanly_and_has_cases()
    {
        // The generator leaves out a built-in it cannot read (it must not throw in a build): here that fails loudly.
        var capabilities = ContractBuiltIns.Texts.Select(t => ContractEmitter.Read(t)?.Capability ?? "unreadable: " + t).ToList();
        Assert.DoesNotContain(capabilities, c => c.StartsWith("unreadable", StringComparison.Ordinal));
        var tested = Cases.Select(row => (string)row[0]).ToList();
        Assert.Equal(capabilities.Order(), tested.Order());
    }

    [Fact]
    public void Every_built_in_contract_applies_to_the_header_the_cases_compile_against()
    {
        var contracts = AnalyzerHarness.Generated(patched: true).Single(t => t.FilePath == "KvmCapabilityContracts.g.cs").ToString();
        foreach (var row in Cases)
            Assert.Contains($"public const string {row[0]} ", contracts);
    }

    private static string Source(string capability, string call)
    {
        var member = "KvmCapability." + string.Concat(capability["KVM_CAP_".Length..].Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));
        return $$"""
            using KvmSharp;
            using static KvmSharp.KvmConstants;

            internal static class Case
            {
                internal static void M(KvmVm vm)
                {
                    if (vm.CheckExtension({{member}}) == 0)
                        return;
                    {{call}}
                }
            }
            """;
    }
}
