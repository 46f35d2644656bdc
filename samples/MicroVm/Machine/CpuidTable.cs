using KvmSharp;
using MicroVm.Kvm;

namespace MicroVm.Machine;

/// <summary>
/// The CPUID a vCPU gets: everything KVM_GET_SUPPORTED_CPUID offers on this host (api.rst 4.46: what KVM and the CPU
/// can virtualize, KVM's own leaves 0x40000000 included), with each vCPU's APIC id in the leaves that report it and the
/// hypervisor bit set, as the guest would see on a machine with that many CPUs.
/// </summary>
internal sealed class CpuidTable
{
    private const uint HypervisorBit = 1u << 31;   // CPUID.1:ECX[31], reserved for hypervisors

    // What KVM's instruction emulator cannot run (arch/x86/kvm/emulate.c), by the SDM's CPUID bits: CMPXCHG16B (CPUID.1:ECX[13],
    // em_cmpxchg8b refuses 16-byte operands), XSAVE and its state (ECX[26], XRSTOR/XSAVES have no emulation) and what
    // needs XSAVE: AVX (ECX[28]), FMA (ECX[12]), F16C (ECX[29]); CPUID.7.0:EBX AVX2 (bit 5) and the AVX-512 bits (16, 17,
    // 21, 26-28, 30, 31). Without XSAVE, Linux keeps the FPU state with FXSAVE/FXRSTOR, which the emulator has.
    private const uint EmulatorLeaf1EcxMask = ~((1u << 13) | (1u << 26) | (1u << 28) | (1u << 12) | (1u << 29));
    private const uint EmulatorLeaf7EbxMask = ~((1u << 5) | (1u << 16) | (1u << 17) | (1u << 21) | (1u << 26) | (1u << 27) | (1u << 28) | (1u << 30) | (1u << 31));

    private readonly KvmCpuidEntry2[] _supported;
    private readonly bool _emulated;

    private CpuidTable(KvmCpuidEntry2[] supported, bool emulated)
    {
        _supported = supported;
        _emulated = emulated;
    }

    /// <summary>
    /// Whether this host's KVM is PVM (module kvm_pvm: KVM without hardware virtualization, which runs an unmodified
    /// guest kernel's ring-0 code in KVM's instruction emulator). The guest is then told it lacks what the emulator cannot
    /// run (CMPXCHG16B, which SLUB uses; XSAVE, with which the kernel saves FPU state), so that it takes the paths without.
    /// </summary>
    public static bool HostIsPvm => Directory.Exists("/sys/module/kvm_pvm");

    /// <summary>The entries KVM_GET_SUPPORTED_CPUID returned.</summary>
    public IReadOnlyList<KvmCpuidEntry2> Supported => _supported;

    /// <summary>Asks KVM, growing the array while it answers E2BIG (api.rst: nent too small).</summary>
    public static CpuidTable Query(KvmSystem kvm)
    {
        for (var count = 64; ; count *= 2)
        {
            using var buffer = new FlexibleArrayBuffer<KvmCpuid2, KvmCpuidEntry2>(count);
            buffer.Header.Nent = (uint)count;
            var errno = kvm.TryGetSupportedCpuid(buffer);
            if (errno == LinuxErrno.E2BIG && count < 4096)
                continue;
            if (errno != 0)
                throw new KvmException("KVM_GET_SUPPORTED_CPUID", errno);
            return new CpuidTable(buffer.Entries[..(int)buffer.Header.Nent].ToArray(), HostIsPvm);
        }
    }

    /// <summary>The entries for the vCPU with APIC id <paramref name="apicId"/>.</summary>
    public KvmCpuidEntry2[] For(uint apicId)
    {
        var entries = (KvmCpuidEntry2[])_supported.Clone();
        for (var i = 0; i < entries.Length; i++)
        {
            ref var entry = ref entries[i];
            switch (entry.Function)
            {
                case 1:
                    // EBX[31:24]: the initial APIC id (SDM vol. 2A, CPUID leaf 1).
                    entry.Ebx = (entry.Ebx & 0x00FFFFFF) | (apicId << 24);
                    entry.Ecx = (entry.Ecx | HypervisorBit) & (_emulated ? EmulatorLeaf1EcxMask : ~0u);
                    break;
                case 7 when entry.Index == 0 && _emulated:
                    entry.Ebx &= EmulatorLeaf7EbxMask;
                    break;
                case 0xB or 0x1F:
                    // EDX: the x2APIC id of the logical processor (SDM, leaves 0BH and 1FH).
                    entry.Edx = apicId;
                    break;
            }
        }
        return entries;
    }

    /// <summary>Gives <paramref name="vcpu"/> its entries (KVM_SET_CPUID2).</summary>
    public void Apply(KvmVcpu vcpu, uint apicId)
    {
        var entries = For(apicId);
        using var buffer = new FlexibleArrayBuffer<KvmCpuid2, KvmCpuidEntry2>(entries.Length);
        buffer.Header.Nent = (uint)entries.Length;
        entries.CopyTo(buffer.Entries);
        vcpu.SetCpuid2(buffer);
    }
}
