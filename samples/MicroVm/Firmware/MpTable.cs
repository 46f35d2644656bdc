using System.Buffers.Binary;
using System.Text;

namespace MicroVm.Firmware;

/// <summary>
/// The Intel MultiProcessor Specification 1.4 tables that tell the kernel its CPUs and interrupt wiring: the MP
/// floating pointer structure (4.1, table 4-1) pointing at the configuration table (4.2): its header (table 4-2), one
/// processor entry per vCPU (4.3.1), the ISA bus (4.3.2), the I/O APIC (4.3.3), an I/O interrupt assignment per ISA IRQ
/// (4.3.4) and the local interrupt assignments of LINT0 and LINT1 (4.3.5). The wiring is KVM's in-kernel irqchip's
/// default routing: ISA IRQ n on I/O APIC pin n.
/// </summary>
internal static class MpTable
{
    public const int FloatingPointerSize = 16;
    public const int HeaderSize = 44;
    public const int ProcessorEntrySize = 20;
    public const int OtherEntrySize = 8;

    public const byte ProcessorEntry = 0, BusEntry = 1, IoApicEntry = 2, IoInterruptEntry = 3, LocalInterruptEntry = 4;
    public const byte InterruptInt = 0, InterruptNmi = 1, InterruptExtInt = 3;

    /// <summary>The local APICs' address (the default of 4.2, and KVM's).</summary>
    public const uint LocalApicAddress = 0xFEE00000;

    /// <summary>The I/O APIC's address (KVM_CREATE_IRQCHIP's IOAPIC).</summary>
    public const uint IoApicAddress = 0xFEC00000;

    /// <summary>A local APIC version of an integrated APIC (0x1X, table 4-4), the one KVM's LAPIC reports (0x14).</summary>
    public const byte LocalApicVersion = 0x14;

    /// <summary>KVM's IOAPIC version (0x11, arch/x86/kvm/ioapic.h IOAPIC_VERSION_ID).</summary>
    public const byte IoApicVersion = 0x11;

    /// <summary>The ISA IRQs the I/O APIC takes, one pin each.</summary>
    public const int IsaIrqs = 16;

    /// <summary>The bytes of the tables for <paramref name="cpus"/> vCPUs (APIC ids 0 to cpus-1), to be placed at <paramref name="address"/>.</summary>
    public static byte[] Build(int cpus, uint address)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpus);
        // The I/O APIC takes the id after the last CPU's, so that ids are unique.
        var ioApicId = (byte)cpus;
        var entries = cpus + 1 + 1 + IsaIrqs + 2;
        var tableLength = HeaderSize + cpus * ProcessorEntrySize + (entries - cpus) * OtherEntrySize;
        var bytes = new byte[FloatingPointerSize + tableLength];

        var pointer = bytes.AsSpan(0, FloatingPointerSize);
        Encoding.ASCII.GetBytes("_MP_").CopyTo(pointer);
        BinaryPrimitives.WriteUInt32LittleEndian(pointer[4..], address + FloatingPointerSize);
        pointer[8] = 1;      // length in 16-byte paragraphs
        pointer[9] = 4;      // spec revision 1.4
        // Feature byte 1 = 0: a configuration table is present; byte 2 bit 7 (IMCR) = 0: virtual wire mode.
        Checksum.Fix(pointer, 10);

        var table = bytes.AsSpan(FloatingPointerSize);
        Encoding.ASCII.GetBytes("PCMP").CopyTo(table);
        BinaryPrimitives.WriteUInt16LittleEndian(table[4..], (ushort)tableLength);
        table[6] = 4;        // spec revision 1.4
        Encoding.ASCII.GetBytes("KVMSHARP").CopyTo(table[8..]);      // OEM ID, 8 bytes
        Encoding.ASCII.GetBytes("MICROVM     ").CopyTo(table[16..]); // product ID, 12 bytes
        BinaryPrimitives.WriteUInt16LittleEndian(table[34..], (ushort)entries);
        BinaryPrimitives.WriteUInt32LittleEndian(table[36..], LocalApicAddress);

        var at = HeaderSize;
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            var entry = table.Slice(at, ProcessorEntrySize);
            entry[0] = ProcessorEntry;
            entry[1] = (byte)cpu;                          // local APIC id
            entry[2] = LocalApicVersion;
            entry[3] = (byte)(0x01 | (cpu == 0 ? 0x02 : 0)); // EN; BP for the bootstrap processor
            // CPU signature and feature flags are left 0: the kernel reads CPUID itself.
            at += ProcessorEntrySize;
        }

        var bus = table.Slice(at, OtherEntrySize);
        bus[0] = BusEntry;
        bus[1] = 0;                                         // bus id
        Encoding.ASCII.GetBytes("ISA   ").CopyTo(bus[2..]);
        at += OtherEntrySize;

        var ioApic = table.Slice(at, OtherEntrySize);
        ioApic[0] = IoApicEntry;
        ioApic[1] = ioApicId;
        ioApic[2] = IoApicVersion;
        ioApic[3] = 0x01;                                   // EN
        BinaryPrimitives.WriteUInt32LittleEndian(ioApic[4..], IoApicAddress);
        at += OtherEntrySize;

        for (var irq = 0; irq < IsaIrqs; irq++)
        {
            var entry = table.Slice(at, OtherEntrySize);
            entry[0] = IoInterruptEntry;
            entry[1] = InterruptInt;
            // Flags 0: polarity and trigger conform to the bus (ISA: active high, edge).
            entry[4] = 0;                                   // source bus id
            entry[5] = (byte)irq;                           // source bus IRQ
            entry[6] = ioApicId;                            // destination I/O APIC
            entry[7] = (byte)irq;                           // its INTIN pin
            at += OtherEntrySize;
        }

        foreach (var (type, pin) in new[] { (InterruptExtInt, (byte)0), (InterruptNmi, (byte)1) })
        {
            var entry = table.Slice(at, OtherEntrySize);
            entry[0] = LocalInterruptEntry;
            entry[1] = type;
            entry[4] = 0;
            entry[5] = 0;
            entry[6] = 0xFF;                                // every local APIC
            entry[7] = pin;                                 // LINT0, LINT1
            at += OtherEntrySize;
        }

        Checksum.Fix(table[..tableLength], 7);
        return bytes;
    }
}
