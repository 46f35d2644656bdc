using KvmSharp;
using MicroVm.Kvm;

namespace MicroVm.Machine;

/// <summary>
/// The model-specific registers a firmware leaves set that KVM's reset values do not (SDM vol. 4, table 2-2):
/// IA32_MTRR_DEF_TYPE with the MTRRs enabled and write-back as the default type (out of reset they are disabled, which
/// makes all memory uncacheable: a kernel then decompresses itself orders of magnitude slower), and IA32_MISC_ENABLE's
/// fast-strings bit, which BIOSes set and Linux expects for rep movs/stos.
/// </summary>
internal static class BootMsrs
{
    public const uint MtrrDefType = 0x2FF;
    public const ulong MtrrEnable = 1 << 11;
    public const ulong WriteBack = 6;

    public const uint MiscEnable = 0x1A0;
    public const ulong FastStrings = 1 << 0;

    /// <summary>The registers and their values.</summary>
    public static IReadOnlyList<(uint Index, ulong Value)> Values { get; } =
    [
        (MtrrDefType, MtrrEnable | WriteBack),
        (MiscEnable, FastStrings),
    ];

    /// <summary>Sets them on <paramref name="vcpu"/> (KVM_SET_MSRS, which returns how many it set).</summary>
    /// <exception cref="InvalidOperationException">KVM refused one.</exception>
    public static void Apply(KvmVcpu vcpu)
    {
        using var buffer = new FlexibleArrayBuffer<KvmMsrs, KvmMsrEntry>(Values.Count);
        buffer.Header.Nmsrs = (uint)Values.Count;
        for (var i = 0; i < Values.Count; i++)
            buffer.Entries[i] = new KvmMsrEntry { Index = Values[i].Index, Data = Values[i].Value };
        var set = vcpu.SetMsrs(buffer);
        if (set != Values.Count)
            throw new InvalidOperationException($"KVM_SET_MSRS set {set} of {Values.Count} MSRs: it refused MSR 0x{Values[set].Index:x}");
    }
}
