using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>Rule 9: calls that need a capability must be dominated by a successful check of it.</summary>
public class CapabilityGuardRuleTests
{
    private static string Source(string body) => $$"""
        using KvmSharp;

        internal static class Case
        {
            [KvmCapabilityGuard("KVM_CAP_ARM_MTE")]
            private static bool HasMte(KvmVm vm) => vm.CheckExtension(KvmCapability.ArmMte) > 0;

            [KvmCapabilityGuard]
            private static bool Has(KvmSystem kvm, KvmCapability capability) => kvm.CheckExtension(capability) != 0;

            internal static void M(KvmSystem kvm, KvmVm vm, bool condition, KvmMsi msi)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Unguarded_calls_warn() => AnalyzerHarness.Verify(Source("""
        {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        if (vm.CheckExtension(KvmCapability.ArmNisvToUser) != 0)
            {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        if (vm.CheckExtension(KvmCapability.ArmMte) != 0) { }
        {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        if (condition || vm.CheckExtension(KvmCapability.ArmMte) != 0)
            {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        {|KVM0009:vm.SignalMsi(in msi)|};
        """));

    [Fact]
    public Task Dominated_calls_are_silent() => AnalyzerHarness.Verify(Source("""
        if (vm.CheckExtension(KvmCapability.ArmMte) != 0)
            vm.EnableCap(KvmCapability.ArmMte);
        if (0 < kvm.CheckExtension(KvmCapability.SignalMsi) && condition)
            vm.SignalMsi(in msi);
        if (HasMte(vm))
            vm.EnableCap(KvmCapability.ArmMte);
        if (!Has(kvm, KvmCapability.ArmNisvToUser))
            return;
        vm.EnableCap(KvmCapability.ArmNisvToUser);
        if (vm.CheckExtension(KvmCapability.SignalMsi) is 0)
            throw new System.NotSupportedException();
        vm.SignalMsi(in msi);
        if (kvm.CheckExtension(KvmCapability.ArmMte) == 0) return;
        vm.EnableCap(KvmCapability.ArmMte);
        """));
}
