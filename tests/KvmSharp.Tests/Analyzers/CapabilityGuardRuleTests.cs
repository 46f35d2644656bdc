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
    public async Task The_message_says_the_call_can_be_reached_without_the_check()
    {
        var diagnostics = await AnalyzerHarness.Diagnostics(Source("vm.EnableCap(KvmCapability.ArmMte);"));

        var warning = Assert.Single(diagnostics);
        Assert.Equal("KVM0009", warning.Id);
        Assert.Contains("needs KVM_CAP_ARM_MTE, but this call can be reached without a successful CheckExtension of KVM_CAP_ARM_MTE before it",
            warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

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

    [Fact]
    public Task Lambdas_and_local_functions_created_or_called_without_a_check_warn() => AnalyzerHarness.Verify(Source("""
        System.Action enable = () => {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        System.Func<int> nested = () => { System.Action inner = () => {|KVM0009:vm.SignalMsi(in msi)|}; return 0; };
        void Signal() => {|KVM0009:vm.SignalMsi(in msi)|};
        Signal();
        if (vm.CheckExtension(KvmCapability.SignalMsi) != 0)
            Signal();
        void {|CS8321:Unused|}() => {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        void Outer() => Inner();
        void Inner() => {|KVM0009:vm.EnableCap(KvmCapability.ArmNisvToUser)|};
        Outer();
        System.Action later = Enable;
        if (HasMte(vm))
            Enable();
        void Enable() => {|KVM0009:vm.EnableCap(KvmCapability.ArmMte)|};
        """));

    [Fact]
    public Task Lambdas_and_local_functions_after_a_check_or_with_their_own_are_silent() => AnalyzerHarness.Verify(Source("""
        System.Action own = () => { if (HasMte(vm)) vm.EnableCap(KvmCapability.ArmMte); };
        void Own() { if (vm.CheckExtension(KvmCapability.SignalMsi) == 0) return; vm.SignalMsi(in msi); }
        Own();
        if (kvm.CheckExtension(KvmCapability.ArmMte) == 0)
            return;
        System.Action enable = () => vm.EnableCap(KvmCapability.ArmMte);
        System.Func<System.Action> nested = () => () => vm.EnableCap(KvmCapability.ArmMte);
        void Enable() => vm.EnableCap(KvmCapability.ArmMte);
        Enable();
        System.Action asDelegate = Enable;
        void Outer() => Inner();
        void Inner() => vm.EnableCap(KvmCapability.ArmMte);
        Outer();
        void Recursive(int n) { if (n > 0) Recursive(n - 1); vm.EnableCap(KvmCapability.ArmMte); }
        Recursive(3);
        """));
}
