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

    private readonly KvmCpuidEntry2[] _supported;

    private CpuidTable(KvmCpuidEntry2[] supported) => _supported = supported;

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
            return new CpuidTable(buffer.Entries[..(int)buffer.Header.Nent].ToArray());
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
                    entry.Ecx |= HypervisorBit;
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
