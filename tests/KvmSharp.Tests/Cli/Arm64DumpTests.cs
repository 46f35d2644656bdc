using System.Text;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>
/// <c>kvmgen dump --arch arm64</c> with the default folder reads the arm64 cross headers, not the host's:
/// a few arm64-only facts, asserted to clang for aarch64 on the same folder.
/// </summary>
public sealed class Arm64DumpTests
{
    [CrossClangFact]
    public void Arm64_only_ioctls_records_and_constants_agree_with_clang_for_aarch64()
    {
        var result = KvmgenInvocation.DefaultArm64Dump;
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal("arm64", json.GetProperty("arch").GetString());
        var constants = json.GetProperty("constants");
        var ioctls = json.GetProperty("ioctls");
        var init = ioctls.GetProperty("KVM_ARM_VCPU_INIT");
        Assert.Equal("struct kvm_vcpu_init", init.GetProperty("arg").GetString());
        // x86-only names must not appear: they would mean the host's asm/kvm.h was read.
        Assert.False(ioctls.TryGetProperty("KVM_GET_MSRS", out _));

        var source = new StringBuilder("#include <linux/kvm.h>\n");
        void Fact(string c, ulong value) =>
            source.Append($"_Static_assert(({c}) == {value}ULL, \"{c.Replace("\"", "")} is {value} for kvmgen\");\n");
        foreach (var name in new[] { "KVM_ARM_VCPU_INIT", "KVM_ARM_PREFERRED_TARGET", "KVM_RUN", "KVM_CAP_ARM_MTE", "KVM_ARM_TARGET_GENERIC_V8", "KVM_REG_ARM64" })
            Fact(name, constants.GetProperty(name).GetUInt64());
        Fact("_IOC_SIZE(KVM_ARM_VCPU_INIT)", init.GetProperty("size").GetUInt64());
        foreach (var record in new[] { "kvm_regs", "kvm_vcpu_init", "kvm_run" })
        {
            Fact($"sizeof(struct {record})", DumpedRecords.Record(json, record).GetProperty("size").GetUInt64());
            Fact($"_Alignof(struct {record})", DumpedRecords.Record(json, record).GetProperty("align").GetUInt64());
        }
        Fact("__builtin_offsetof(struct kvm_regs, fp_regs)",
            (ulong)DumpedRecords.Member(DumpedRecords.Record(json, "kvm_regs"), "fp_regs").Offset);

        var errors = CrossClang.Check("aarch64-linux-gnu", "/usr/aarch64-linux-gnu/include", source.ToString());
        Assert.True(errors == "", errors);
    }
}
