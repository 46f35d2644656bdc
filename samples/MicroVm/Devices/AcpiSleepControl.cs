namespace MicroVm.Devices;

/// <summary>
/// The sleep control and status registers of a hardware-reduced ACPI platform (ACPI 6.5, 4.8.3.7 and 4.8.3.8), one byte
/// each at the ports the FADT names. A write with SLP_EN (bit 5) set enters the sleep state SLP_TYP (bits 4:2); the
/// DSDT's \_S5 gives S5 the type <see cref="SoftOffType"/>, so that write is the guest's power-off.
/// </summary>
internal sealed class AcpiSleepControl(Action<GuestStop> stop) : IPortDevice
{
    /// <summary>The first port: control at +0, status at +1.</summary>
    public const ushort BasePort = 0x600;

    /// <summary>SLP_TYP of S5 in the DSDT's \_S5 package.</summary>
    public const byte SoftOffType = 5;

    /// <summary>SLP_EN.</summary>
    public const byte SleepEnable = 1 << 5;

    /// <inheritdoc />
    public void Read(ushort offset, Span<byte> data) => data.Clear();

    /// <inheritdoc />
    public void Write(ushort offset, ReadOnlySpan<byte> data)
    {
        if (offset == 0 && (data[0] & SleepEnable) != 0 && ((data[0] >> 2) & 0x7) == SoftOffType)
            stop(GuestStop.PowerOff);
    }
}
