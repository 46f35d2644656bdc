namespace MicroVm.Devices;

/// <summary>
/// What a VMM needs of the i8042 keyboard controller at ports 0x60 and 0x64: the reset line. Writing command 0xFE
/// ("pulse output port bit 0", the CPU reset) to 0x64 is how Linux reboots with <c>reboot=k</c> (arch/x86/kernel/reboot.c,
/// BOOT_KBD), and it stops the VM here. There is no keyboard: the status register says both buffers are empty, so a
/// driver that probes finds nothing to read.
/// </summary>
internal sealed class KeyboardController(Action<GuestStop> stop) : IPortDevice
{
    /// <summary>The command port's offset from 0x60.</summary>
    public const int CommandPort = 4;

    /// <summary>The reset command.</summary>
    public const byte PulseReset = 0xFE;

    /// <inheritdoc />
    public void Read(ushort offset, Span<byte> data) => data.Clear();

    /// <inheritdoc />
    public void Write(ushort offset, ReadOnlySpan<byte> data)
    {
        if (offset == CommandPort && data[0] == PulseReset)
            stop(GuestStop.Reboot);
    }
}
