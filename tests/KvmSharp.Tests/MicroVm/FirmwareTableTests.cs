using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using MicroVm.Firmware;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The MP table (Intel MP spec 1.4) and the ACPI tables (ACPI 6.5) MicroVm writes: parsed here byte by byte from the
/// specs' layouts, their checksums summed, and the ACPI tables disassembled by ACPICA's iasl, an independent reader.
/// </summary>
public sealed class FirmwareTableTests
{
    private const uint MpAddress = 0x9FC00;
    private const ulong AcpiAddress = 0xE0000;

    private static byte Sum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
            sum += b;
        return (byte)sum;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void The_MP_floating_pointer_and_configuration_table_check_and_list_every_CPU(int cpus)
    {
        var bytes = MpTable.Build(cpus, MpAddress);

        // 4.1, table 4-1: "_MP_", the table's physical address, length 1 paragraph, revision 4, checksum over 16 bytes.
        Assert.Equal("_MP_", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(0, Sum(bytes.AsSpan(0, 16)));
        Assert.Equal(1, bytes[8]);
        Assert.Equal(4, bytes[9]);
        Assert.Equal(0, bytes[11]);   // feature byte 1: 0 = a configuration table follows, no default configuration
        var tableAddress = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        Assert.Equal(0, (int)(MpAddress % 16));   // the structure is paragraph-aligned where the kernel scans
        var table = bytes.AsSpan((int)(tableAddress - MpAddress));

        // 4.2, table 4-2: "PCMP", base table length, revision 4, checksum over the base table, entry count, local APIC address.
        Assert.Equal("PCMP", Encoding.ASCII.GetString(table[..4]));
        var length = BinaryPrimitives.ReadUInt16LittleEndian(table[4..]);
        Assert.Equal(bytes.Length - 16, length);
        Assert.Equal(4, table[6]);
        Assert.Equal(0, Sum(table[..length]));
        Assert.Equal(0xFEE00000u, BinaryPrimitives.ReadUInt32LittleEndian(table[36..]));

        var count = BinaryPrimitives.ReadUInt16LittleEndian(table[34..]);
        var processors = new List<(byte ApicId, byte Flags)>();
        var ioApics = new List<(byte Id, uint Address)>();
        var irqs = new List<(byte Type, byte SourceIrq, byte IoApic, byte Pin)>();
        var locals = new List<(byte Type, byte Destination, byte Lint)>();
        var buses = new List<string>();
        var at = 44;
        for (var i = 0; i < count; i++)
        {
            var entry = table[at..];
            switch (entry[0])
            {
                case 0: processors.Add((entry[1], entry[3])); at += 20; break;                                    // 4.3.1
                case 1: buses.Add(Encoding.ASCII.GetString(entry.Slice(2, 6))); at += 8; break;                 // 4.3.2
                case 2: ioApics.Add((entry[1], BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]))); at += 8; break; // 4.3.3
                case 3: irqs.Add((entry[1], entry[5], entry[6], entry[7])); at += 8; break;                      // 4.3.4
                case 4: locals.Add((entry[1], entry[6], entry[7])); at += 8; break;                              // 4.3.5
                default: Assert.Fail($"entry {i}: unknown type {entry[0]}"); break;
            }
        }
        Assert.Equal(length, at);

        Assert.Equal(Enumerable.Range(0, cpus).Select(id => ((byte)id, (byte)(id == 0 ? 0x03 : 0x01))), processors); // EN, BP on the first
        Assert.Equal(["ISA   "], buses);
        var ioApic = Assert.Single(ioApics);
        Assert.Equal(0xFEC00000u, ioApic.Address);
        Assert.DoesNotContain(processors, p => p.ApicId == ioApic.Id);                    // APIC ids are unique
        Assert.Equal(Enumerable.Range(0, 16).Select(irq => ((byte)0, (byte)irq, ioApic.Id, (byte)irq)), irqs);
        Assert.Equal([((byte)3, (byte)0xFF, (byte)0), ((byte)1, (byte)0xFF, (byte)1)], locals); // ExtINT on LINT0, NMI on LINT1
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_ACPI_tables_chain_RSDP_to_XSDT_to_FADT_DSDT_and_MADT_with_valid_checksums(int cpus)
    {
        var bytes = AcpiTables.Build(AcpiAddress, cpus);

        // RSDP (5.2.5.3): "RSD PTR ", checksum of the first 20 bytes, revision 2, length 36, extended checksum of all 36.
        Assert.Equal("RSD PTR ", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(0, Sum(bytes.AsSpan(0, 20)));
        Assert.Equal(2, bytes[15]);
        Assert.Equal(36u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(0, Sum(bytes.AsSpan(0, 36)));

        ReadOnlySpan<byte> Table(ulong address, string signature)
        {
            var table = bytes.AsSpan((int)(address - AcpiAddress));
            Assert.Equal(signature, Encoding.ASCII.GetString(table[..4]));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(table[4..]);
            Assert.Equal(0, Sum(table[..length]));
            return table[..length];
        }

        var xsdt = Table(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24)), "XSDT");
        Assert.Equal(36 + 2 * 8, xsdt.Length);
        var fadt = Table(BinaryPrimitives.ReadUInt64LittleEndian(xsdt[36..]), "FACP");
        Assert.Equal(276, fadt.Length);                                                    // FADT revision 6 (table 5.9)
        Assert.Equal(6, fadt[8]);
        Assert.Equal(1u << 20, BinaryPrimitives.ReadUInt32LittleEndian(fadt[112..]) & (1u << 20)); // HW_REDUCED_ACPI
        var dsdt = Table(BinaryPrimitives.ReadUInt64LittleEndian(fadt[140..]), "DSDT");     // X_DSDT
        // SLEEP_CONTROL_REG and SLEEP_STATUS_REG: system I/O, 8 bits, byte access, ports 0x600 and 0x601.
        Assert.Equal([1, 8, 0, 1], fadt.Slice(244, 4).ToArray());
        Assert.Equal(0x600ul, BinaryPrimitives.ReadUInt64LittleEndian(fadt[248..]));
        Assert.Equal([1, 8, 0, 1], fadt.Slice(256, 4).ToArray());
        Assert.Equal(0x601ul, BinaryPrimitives.ReadUInt64LittleEndian(fadt[260..]));
        Assert.True(dsdt.Length > 36);

        // MADT (5.2.12, table 5.19): the local APIC address, then entries of type and length (5.2.12.2, .3, .7).
        var madt = Table(BinaryPrimitives.ReadUInt64LittleEndian(xsdt[44..]), "APIC");
        Assert.Equal(0xFEE00000u, BinaryPrimitives.ReadUInt32LittleEndian(madt[36..]));
        var localApics = new List<(byte Uid, byte ApicId, uint Flags)>();
        var ioApics = new List<(byte Id, uint Address, uint GsiBase)>();
        var nmis = new List<(byte Uid, byte Lint)>();
        for (var at = 44; at < madt.Length; at += madt[at + 1])
        {
            var entry = madt.Slice(at, madt[at + 1]);
            switch (entry[0])
            {
                case 0: Assert.Equal(8, entry.Length); localApics.Add((entry[2], entry[3], BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]))); break;
                case 1: Assert.Equal(12, entry.Length); ioApics.Add((entry[2], BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]), BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]))); break;
                case 4: Assert.Equal(6, entry.Length); nmis.Add((entry[2], entry[5])); break;
                default: Assert.Fail($"MADT entry of type {entry[0]}"); break;
            }
        }
        Assert.Equal(Enumerable.Range(0, cpus).Select(i => ((byte)i, (byte)i, 1u)), localApics);   // enabled, APIC id = vCPU id
        var ioApic = Assert.Single(ioApics);
        Assert.Equal((0xFEC00000u, 0u), (ioApic.Address, ioApic.GsiBase));
        Assert.DoesNotContain(localApics, l => l.ApicId == ioApic.Id);
        Assert.Equal([((byte)0xFF, (byte)1)], nmis);
    }

    [SkippableFact]
    public void Iasl_disassembles_the_FADT_the_MADT_and_the_DSDTs_S5_as_written()
    {
        var guest = GuestFiles.Find();
        Skip.If(guest is null, GuestFiles.MissingReason);
        var iasl = Path.Combine(guest!.Folder, "iasl");
        var bytes = AcpiTables.Build(AcpiAddress, 2);
        var work = Directory.CreateTempSubdirectory("kvmsharp-acpi-").FullName;
        try
        {
            string Disassemble(int offset, string name)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
                var path = Path.Combine(work, name + ".aml");
                File.WriteAllBytes(path, bytes.AsSpan(offset, length).ToArray());
                var start = new ProcessStartInfo(iasl) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add("-d");
                start.ArgumentList.Add(path);
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"iasl -d {name}: {stdout.Result}{stderr}");
                return File.ReadAllText(Path.Combine(work, name + ".dsl"));
            }

            var fadt = Disassemble(AcpiTables.FadtOffset, "facp");
            Assert.DoesNotContain("Incorrect checksum", fadt);
            Assert.Matches(@"Hardware Reduced \(V5\) : 1", fadt);
            Assert.Matches(@"Sleep Control Register : \[Generic Address Structure\][\s\S]*?Space ID : 01 \[SystemIO\][\s\S]*?Address : 0000000000000600", fadt);
            Assert.Matches(@"Sleep Status Register : \[Generic Address Structure\][\s\S]*?Space ID : 01 \[SystemIO\][\s\S]*?Address : 0000000000000601", fadt);

            var dsdt = Disassemble(AcpiTables.DsdtOffset, "dsdt");
            Assert.DoesNotContain("Incorrect checksum", dsdt);
            var madt = Disassemble(AcpiTables.MadtOffset, "apic");
            Assert.DoesNotContain("Incorrect checksum", madt);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(madt, @"Subtable Type : 00 \[Processor Local APIC\]"));
            Assert.Matches(@"Subtable Type : 01 \[I/O APIC\][\s\S]*?Address : FEC00000", madt);
            Assert.Matches(@"Subtable Type : 04 \[Local APIC NMI\][\s\S]*?Interrupt Input LINT : 01", madt);

            Assert.Matches(@"Name \(_S5, Package \(0x04\)\s*// _S5_: S5 System State\s*\{\s*0x05,\s*Zero,\s*Zero,\s*Zero\s*\}\)", dsdt);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
