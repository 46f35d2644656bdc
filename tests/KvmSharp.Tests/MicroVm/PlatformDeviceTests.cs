using MicroVm.Devices;
using MicroVm.Machine;
using KvmSharp.Tests.Runtime;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The small devices Linux meets at boot: the CMOS clock (MC146818 registers, BCD), the keyboard controller's reset
/// (the 0xFE command arch/x86/kernel/reboot.c writes to port 0x64), the ACPI sleep control register (the byte ACPICA's
/// acpi_hw_extended_sleep writes: SLP_TYP shifted to bits 4:2, SLP_EN bit 5), and the vCPUs' CPUID.
/// </summary>
public sealed class PlatformDeviceTests
{
    private static byte Read(IPortDevice device, ushort offset)
    {
        var data = new byte[1];
        device.Read(offset, data);
        return data[0];
    }

    [Fact]
    public void The_CMOS_clock_reads_the_time_in_BCD_one_index_at_a_time()
    {
        var clock = new CmosClock(() => new DateTime(2026, 12, 2, 6, 35, 7, DateTimeKind.Utc));
        byte Register(byte index)
        {
            clock.Write(0, [(byte)(index | 0x80)]);   // bit 7, the NMI mask, is not part of the index
            return Read(clock, 1);
        }

        Assert.Equal(0x07, Register(0x00));   // seconds
        Assert.Equal(0x35, Register(0x02));   // minutes
        Assert.Equal(0x06, Register(0x04));   // hours, 24-hour mode
        Assert.Equal(0x04, Register(0x06));   // day of week: Wednesday, Sunday being 1
        Assert.Equal(0x02, Register(0x07));   // day of month
        Assert.Equal(0x12, Register(0x08));   // month
        Assert.Equal(0x26, Register(0x09));   // year
        Assert.Equal(0x20, Register(0x32));   // century
        Assert.Equal(0, Register(0x0A) & 0x80);   // status A: no update in progress
        Assert.Equal(0x02, Register(0x0B) & 0x06); // status B: 24-hour (bit 1), BCD (bit 2 clear)
        Assert.Equal(0x80, Register(0x0D));   // status D: valid RAM and time
    }

    [Fact]
    public void Only_the_pulse_reset_command_on_port_0x64_reboots()
    {
        var stops = new List<GuestStop>();
        var controller = new KeyboardController(stops.Add);

        controller.Write(0, [0xFE]);      // port 0x60: data, not a command
        controller.Write(4, [0xAD]);      // disable keyboard
        Assert.Empty(stops);
        Assert.Equal(0, Read(controller, 4));   // status: nothing to read, room to write

        controller.Write(4, [0xFE]);
        Assert.Equal([GuestStop.Reboot], stops);
    }

    [Fact]
    public void The_sleep_control_byte_of_S5_powers_off_and_other_states_do_not()
    {
        var stops = new List<GuestStop>();
        var sleep = new AcpiSleepControl(stops.Add);

        sleep.Write(0, [(byte)((3 << 2) | 0x20)]);   // S3's type, with SLP_EN
        sleep.Write(0, [(byte)(5 << 2)]);            // S5's type without SLP_EN
        sleep.Write(1, [(byte)((5 << 2) | 0x20)]);   // the status register
        Assert.Empty(stops);

        sleep.Write(0, [(byte)((5 << 2) | 0x20)]);   // 0x34
        Assert.Equal([GuestStop.PowerOff], stops);
    }

    [SkippableFact]
    public void Each_vcpu_gets_its_APIC_id_in_CPUID_leaves_1_and_0xB_and_the_hypervisor_bit()
    {
        KvmTestHost.RequireKvm();
        using var kvm = KvmSystem.Open();
        var table = CpuidTable.Query(kvm);
        Assert.Contains(table.Supported, e => e.Function == 0);

        var entries = table.For(3);

        var leaf1 = Assert.Single(entries, e => e.Function == 1);
        Assert.Equal(3u, leaf1.Ebx >> 24);                                     // SDM: CPUID.1:EBX[31:24], initial APIC id
        Assert.Equal(1u << 31, leaf1.Ecx & (1u << 31));                        // CPUID.1:ECX[31]
        foreach (var topology in entries.Where(e => e.Function == 0xB))
            Assert.Equal(3u, topology.Edx);                                    // CPUID.0BH:EDX, x2APIC id
        // Everything else is what KVM offered.
        Assert.Equal(table.Supported.Count, entries.Length);
        static (uint, uint, uint, uint, uint, uint, uint) Fields(global::MicroVm.Kvm.KvmCpuidEntry2 e) => (e.Function, e.Index, e.Flags, e.Eax, e.Ebx, e.Ecx, e.Edx);
        Assert.Equal(table.Supported.Where(e => e.Function is not (1 or 0xB or 0x1F)).Select(Fields), entries.Where(e => e.Function is not (1 or 0xB or 0x1F)).Select(Fields));
    }
}
