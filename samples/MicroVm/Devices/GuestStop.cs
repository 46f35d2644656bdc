namespace MicroVm.Devices;

/// <summary>How the guest asked to stop: both end the VMM with exit code 0.</summary>
internal enum GuestStop
{
    /// <summary>ACPI S5, through the FADT's sleep control register.</summary>
    PowerOff,

    /// <summary>A system reset through the keyboard controller (the kernel's <c>reboot=k</c>).</summary>
    Reboot,
}
