using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>
/// Every combination of flags 0..3, args[1] 0..7, args[2] and args[3] in {0, 1}: the analyzers report an error
/// exactly when the patch's C code returns EINVAL before it looks at the memslot.
/// </summary>
public class LockMemslotOracleTests
{
    /// <summary>
    /// The C of "[RFC PATCH v5 02/38] KVM: arm64: Add lock/unlock memslot user API", transcribed with its own
    /// literal values (LOCK = 1 &lt;&lt; 0, UNLOCK = 1 &lt;&lt; 1, READ = 1 &lt;&lt; 0 from the include/uapi/linux/kvm.h
    /// hunk), independently of the contract the analyzers use.
    /// </summary>
    private static bool KernelReturnsEinvalBeforeTheMemslot(uint flags, ulong args1, ulong args2, ulong args3)
    {
        // arch/arm64/kvm/arm.c, kvm_lock_user_memory_region_ioctl:
        //     if (cap->args[2] || cap->args[3])
        //             return -EINVAL;
        if (args2 != 0 || args3 != 0)
            return true;
        switch (flags)
        {
            // case KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK: return kvm_mmu_lock_memslot(kvm, slot, action_flags);
            case 1:
                // arch/arm64/kvm/mmu.c, kvm_mmu_lock_memslot (slot is 0 here, below KVM_MEM_SLOTS_NUM):
                //     if (!(flags & KVM_ARM_LOCK_MEM_READ))
                //             return -EINVAL;
                return (args1 & 1) == 0;
            // case KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK: return kvm_mmu_unlock_memslot(kvm, slot, action_flags);
            case 2:
                // kvm_mmu_unlock_memslot checks nothing of its flags before the memslot. Its
                // "if (unlock_all) { ret = -EINVAL; goto out_unlock_slots; }" is the place the later patches of the
                // series fill with the unlock-all loop ("For now, the capability doesn't actually do anything other
                // than checking that the usage is correct"), as is kvm_arm_lock_memslot_supported()'s "return 0":
                // stubs, not usage checks, so they are not transcribed.
                return false;
            //     default:
            //             return -EINVAL;
            default:
                return true;
        }
    }

    [Fact]
    public async Task Errors_are_reported_exactly_when_the_kernel_returns_EINVAL()
    {
        var body = new StringBuilder();
        var cases = new List<(uint Flags, ulong Args1, ulong Args2, ulong Args3)>();
        for (uint flags = 0; flags <= 3; flags++)
        for (ulong args1 = 0; args1 <= 7; args1++)
        for (ulong args2 = 0; args2 <= 1; args2++)
        for (ulong args3 = 0; args3 <= 1; args3++)
        {
            cases.Add((flags, args1, args2, args3));
            body.Append($"        vm.EnableCap({LockSources.Cap}, {flags}, 0, {args1}, {args2}, {args3});\n");
        }
        var source = LockSources.Method(body.ToString());
        var tree = AnalyzerHarness.Compile(source).SyntaxTrees.Last();
        var firstLine = tree.GetText().Lines.First(l => l.ToString().Contains("vm.EnableCap(", StringComparison.Ordinal)).LineNumber;
        var diagnostics = await AnalyzerHarness.Diagnostics(source);
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (flags, args1, args2, args3) = cases[i];
            var onLine = diagnostics.Where(d => d.Location.GetLineSpan().StartLinePosition.Line == firstLine + i).ToList();
            var reported = onLine.Any(d => d.Severity == DiagnosticSeverity.Error);
            if (reported != KernelReturnsEinvalBeforeTheMemslot(flags, args1, args2, args3))
                mismatches.Add($"flags={flags} args[1]={args1} args[2]={args2} args[3]={args3}: analyzer {(reported ? "error" : "no error")} [{string.Join(", ", onLine.Select(d => d.Id))}]");
        }
        Assert.True(cases.Count == 128, "the loop covers 4 x 8 x 2 x 2 cases");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
