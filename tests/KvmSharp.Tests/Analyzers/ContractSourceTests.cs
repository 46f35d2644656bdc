using KvmSharp.TestSupport.GeneratorInputs;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>Where contracts come from: the generator attaches those the header can express; users add their own.</summary>
public class ContractSourceTests
{
    [Fact]
    public void The_lock_contract_is_attached_only_to_a_header_with_the_patch()
    {
        static string Contracts(bool patched) => AnalyzerHarness.Generated(patched).Single(t => t.FilePath == "KvmCapabilityContracts.g.cs").ToString();
        Assert.Contains("public const string KVM_CAP_ARM_LOCK_USER_MEMORY_REGION", Contracts(patched: true));
        Assert.DoesNotContain("KVM_CAP_ARM_LOCK_USER_MEMORY_REGION", Contracts(patched: false));
        Assert.Contains("public const string KVM_CAP_ARM_MTE", Contracts(patched: false));
    }

    [Fact]
    public Task The_same_analyzer_serves_an_unpatched_header() => AnalyzerHarness.Verify("""
        using KvmSharp;

        internal static class Case
        {
            internal static void M(KvmVm vm)
            {
                if (vm.CheckExtension(KvmCapability.ArmMte) == 0)
                    return;
                vm.EnableCap(KvmCapability.ArmMte, {|KVM0008:1|});
            }
        }
        """, patched: false);

    [Fact]
    public Task A_user_contract_applies_when_the_header_defines_its_names() => AnalyzerHarness.Verify("""
        using KvmSharp;

        internal static class Case
        {
            internal static void M(KvmVm vm)
            {
                if (vm.CheckExtension(KvmCapability.ArmNisvToUser) == 0)
                    return;
                vm.EnableCap(KvmCapability.ArmNisvToUser, 0, {|KVM0003:1|});
            }
        }
        """, patched: false,
        new InMemoryAdditionalText("/p/mykernel.kvmcontracts", """
            # My kernel: NISV_TO_USER takes no argument.
            capability KVM_CAP_ARM_NISV_TO_USER
            flags none
            arg 0 reserved
            # Names this header lacks: the contract does not apply, and says nothing.
            capability KVM_CAP_MY_PATCH
            arg 1 requires KVM_MY_PATCH_FLAG
            """));

    [Fact]
    public async Task A_contract_file_that_cannot_be_read_is_reported_on_its_line()
    {
        var diagnostics = await AnalyzerHarness.Diagnostics("class C { }", true,
            new InMemoryAdditionalText("/p/bad.kvmcontracts", "capability KVM_CAP_ARM_MTE\nflags sometimes\n"));
        var problem = Assert.Single(diagnostics);
        Assert.Equal("KVM0011", problem.Id);
        Assert.Equal(1, problem.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("flags nonee", "'flags' takes 'none' or 'actions', not 'nonee'; did you mean 'none'?")]
    [InlineData("flags sometimes", "'flags' takes 'none' or 'actions', not 'sometimes'")]
    [InlineData("memslot-ar 0", "cannot read 'memslot-ar 0'; did you mean 'memslot-arg'?")]
    [InlineData("arg 1 reserve", "unknown argument rule 'reserve'; did you mean 'reserved'?")]
    [InlineData("frobnicate", "cannot read 'frobnicate'")]
    public async Task A_typo_in_a_contract_file_is_answered_with_the_nearest_word(string line, string message)
    {
        var diagnostics = await AnalyzerHarness.Diagnostics("class C { }", true,
            new InMemoryAdditionalText("/p/typo.kvmcontracts", "capability KVM_CAP_ARM_MTE\n" + line + "\n"));
        var problem = Assert.Single(diagnostics);
        Assert.Equal("KVM0011", problem.Id);
        Assert.EndsWith(message, problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        if (!message.Contains("did you mean"))
            Assert.DoesNotContain("did you mean", problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ioctl_statements_are_the_generators_and_not_a_contract_problem()
    {
        // Before any capability line and inside a contract: the analyzers leave both to the generator (KVMG0005 for bad ones).
        var diagnostics = await AnalyzerHarness.Diagnostics("class C { }", true,
            new InMemoryAdditionalText("/p/mine.kvmcontracts", "ioctl KVM_MY_PATCH on vm\ncapability KVM_CAP_ARM_MTE\nioctl KVM_OTHER on vm, vcpu\nflags none\n"));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_generated_contract_that_cannot_be_read_is_reported_not_dropped()
    {
        // As bindings from another KvmSharp version would carry it: the contract is KvmCapabilityContracts data.
        var diagnostics = await AnalyzerHarness.Diagnostics("""
            using KvmSharp;

            namespace KvmSharp
            {
                internal static partial class KvmCapabilityContracts
                {
                    [KvmCapabilityContract("capability KVM_CAP_ARM_MTE\nflags sometimes\n")]
                    public const string Broken = "Broken";
                }
            }

            internal static class Case
            {
                internal static void M(KvmSharp.KvmVm vm)
                {
                    if (vm.CheckExtension(KvmSharp.KvmCapability.ArmMte) != 0)
                        vm.EnableCap(KvmSharp.KvmCapability.ArmMte);
                }
            }
            """);
        var problem = Assert.Single(diagnostics);
        Assert.Equal("KVM0011", problem.Id);
        Assert.StartsWith("the generated contract KvmCapabilityContracts.Broken, line 2: 'flags' takes 'none' or 'actions', not 'sometimes'",
            problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
