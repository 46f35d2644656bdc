using System.Buffers.Binary;
using System.Text;
using MicroVm.Devices;

namespace MicroVm.Firmware;

/// <summary>
/// A hardware-reduced ACPI platform (ACPI 6.5, 4.1), there for the guest's power-off: the RSDP (5.2.5.3), an XSDT
/// (5.2.8) pointing at the FADT and the MADT, the FADT (5.2.9, table 5.9) with HW_REDUCED_ACPI and the sleep control and
/// status registers (4.8.3.7, 4.8.3.8) on I/O ports, a DSDT (5.2.11.1) whose AML defines only \_S5 (7.4.2.5), the SLP_TYP
/// to write for soft-off, and the MADT (5.2.12) with the vCPUs' local APICs, the I/O APIC and LINT1 as NMI. Linux takes
/// the CPUs and interrupt controllers from the MADT when ACPI is on, and on a hardware-reduced platform ignores the MP
/// table ("ACPI: No APIC-table, disabling MPS"): the MP table is for a guest booted with acpi=off.
/// </summary>
internal static class AcpiTables
{
    public const int RsdpSize = 36;
    public const int HeaderSize = 36;
    public const int FadtSize = 276;

    public const int RsdpOffset = 0x00;
    public const int XsdtOffset = 0x40;
    public const int FadtOffset = 0x80;
    public const int DsdtOffset = 0x200;
    public const int MadtOffset = 0x280;

    // MADT entry types and lengths (table 5.21 and 5.22, 5.24, 5.29).
    public const byte LocalApicEntry = 0, IoApicEntry = 1, LocalApicNmiEntry = 4;
    public const int LocalApicEntryLength = 8, IoApicEntryLength = 12, LocalApicNmiEntryLength = 6;

    /// <summary>FADT flags bit 20, HW_REDUCED_ACPI (table 5.10).</summary>
    public const uint HardwareReduced = 1 << 20;

    /// <summary>FADT IAPC_BOOT_ARCH bit 2, "VGA Not Present" (table 5.11). No legacy devices or 8042 are claimed: the
    /// kernel then leaves the keyboard controller unprobed, whose reset line still works.</summary>
    public const ushort VgaNotPresent = 1 << 2;

    /// <summary>The AML of the DSDT: <c>Name (_S5, Package (4) { 5, 0, 0, 0 })</c> (ACPI 6.5, 20.2.5.1 NameOp 0x08, 20.2.5.4 PackageOp 0x12, BytePrefix 0x0A, ZeroOp 0x00).</summary>
    public static ReadOnlySpan<byte> SoftOffAml =>
    [
        0x08, (byte)'_', (byte)'S', (byte)'5', (byte)'_',
        0x12, 0x07, 0x04, 0x0A, AcpiSleepControl.SoftOffType, 0x00, 0x00, 0x00,
    ];

    /// <summary>The bytes of the tables for <paramref name="cpus"/> vCPUs at <paramref name="address"/> (where they go in the guest); the RSDP is first.</summary>
    public static byte[] Build(ulong address, int cpus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpus);
        var dsdtLength = HeaderSize + SoftOffAml.Length;
        var madtLength = HeaderSize + 8 + cpus * LocalApicEntryLength + IoApicEntryLength + LocalApicNmiEntryLength;
        var bytes = new byte[MadtOffset + madtLength];

        var madt = bytes.AsSpan(MadtOffset, madtLength);
        Header(madt, "APIC", madtLength, revision: 5);
        BinaryPrimitives.WriteUInt32LittleEndian(madt[36..], MpTable.LocalApicAddress);  // local interrupt controller address
        // Flags 0: no PCAT_COMPAT, a hardware-reduced platform has no 8259s to mask.
        var at = HeaderSize + 8;
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            var entry = madt.Slice(at, LocalApicEntryLength);
            entry[0] = LocalApicEntry;
            entry[1] = LocalApicEntryLength;
            entry[2] = (byte)cpu;                                                    // ACPI processor UID
            entry[3] = (byte)cpu;                                                    // APIC ID, as KVM_CREATE_VCPU's id
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], 1);                 // Enabled
            at += LocalApicEntryLength;
        }
        var ioApic = madt.Slice(at, IoApicEntryLength);
        ioApic[0] = IoApicEntry;
        ioApic[1] = IoApicEntryLength;
        ioApic[2] = (byte)cpus;                                                      // I/O APIC ID, after the CPUs' (as in the MP table)
        BinaryPrimitives.WriteUInt32LittleEndian(ioApic[4..], MpTable.IoApicAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(ioApic[8..], 0);                    // GSI base: ISA IRQ n is GSI n, KVM's routing
        at += IoApicEntryLength;
        var nmi = madt.Slice(at, LocalApicNmiEntryLength);
        nmi[0] = LocalApicNmiEntry;
        nmi[1] = LocalApicNmiEntryLength;
        nmi[2] = 0xFF;                                                               // every processor
        nmi[5] = 1;                                                                  // LINT1
        Checksum.Fix(madt, 9);

        var dsdt = bytes.AsSpan(DsdtOffset, dsdtLength);
        Header(dsdt, "DSDT", dsdtLength, revision: 2);
        SoftOffAml.CopyTo(dsdt[HeaderSize..]);
        Checksum.Fix(dsdt, 9);

        var fadt = bytes.AsSpan(FadtOffset, FadtSize);
        Header(fadt, "FACP", FadtSize, revision: 6);
        BinaryPrimitives.WriteUInt16LittleEndian(fadt[109..], VgaNotPresent);        // IAPC_BOOT_ARCH
        BinaryPrimitives.WriteUInt32LittleEndian(fadt[112..], HardwareReduced);      // Flags
        fadt[131] = 5;                                                              // FADT minor version: 6.5
        BinaryPrimitives.WriteUInt64LittleEndian(fadt[140..], address + DsdtOffset); // X_DSDT
        IoRegister(fadt[244..], AcpiSleepControl.BasePort);                          // SLEEP_CONTROL_REG
        IoRegister(fadt[256..], AcpiSleepControl.BasePort + 1);                      // SLEEP_STATUS_REG
        Encoding.ASCII.GetBytes("KVMSHARP").CopyTo(fadt[268..]);                     // hypervisor vendor identity
        Checksum.Fix(fadt, 9);

        var xsdtLength = HeaderSize + 2 * 8;
        var xsdt = bytes.AsSpan(XsdtOffset, xsdtLength);
        Header(xsdt, "XSDT", xsdtLength, revision: 1);
        BinaryPrimitives.WriteUInt64LittleEndian(xsdt[HeaderSize..], address + FadtOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(xsdt[(HeaderSize + 8)..], address + MadtOffset);
        Checksum.Fix(xsdt, 9);

        var rsdp = bytes.AsSpan(RsdpOffset, RsdpSize);
        Encoding.ASCII.GetBytes("RSD PTR ").CopyTo(rsdp);
        Encoding.ASCII.GetBytes("KVMSHP").CopyTo(rsdp[9..]);                          // OEMID, 6 bytes
        rsdp[15] = 2;                                                               // revision 2: ACPI 2.0+, XSDT
        BinaryPrimitives.WriteUInt32LittleEndian(rsdp[20..], RsdpSize);
        BinaryPrimitives.WriteUInt64LittleEndian(rsdp[24..], address + XsdtOffset);
        Checksum.Fix(rsdp[..20], 8);                                                // the ACPI 1.0 part
        Checksum.Fix(rsdp, 32);                                                     // the extended checksum, all 36 bytes
        return bytes;
    }

    /// <summary>The common header of a system description table (5.2.6, table 5.4).</summary>
    private static void Header(Span<byte> table, string signature, int length, byte revision)
    {
        Encoding.ASCII.GetBytes(signature).CopyTo(table);
        BinaryPrimitives.WriteUInt32LittleEndian(table[4..], (uint)length);
        table[8] = revision;
        Encoding.ASCII.GetBytes("KVMSHP").CopyTo(table[10..]);      // OEMID
        Encoding.ASCII.GetBytes("MICROVM ").CopyTo(table[16..]);    // OEM table ID
        BinaryPrimitives.WriteUInt32LittleEndian(table[24..], 1);   // OEM revision
        Encoding.ASCII.GetBytes("KVMS").CopyTo(table[28..]);        // creator ID
        BinaryPrimitives.WriteUInt32LittleEndian(table[32..], 1);   // creator revision
    }

    /// <summary>A Generic Address Structure (5.2.3.2) for one byte in system I/O space.</summary>
    private static void IoRegister(Span<byte> gas, ushort port)
    {
        gas[0] = 1;   // address space: system I/O
        gas[1] = 8;   // register bit width
        gas[2] = 0;   // bit offset
        gas[3] = 1;   // access size: byte
        BinaryPrimitives.WriteUInt64LittleEndian(gas[4..], port);
    }
}
