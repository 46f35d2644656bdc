namespace MicroVm.Machine;

/// <summary>What to boot and on what: the command line's options.</summary>
/// <param name="Kernel">The bzImage.</param>
/// <param name="Initrd">The initramfs (cpio, optionally compressed as the kernel supports); null for none.</param>
/// <param name="CommandLine">The kernel command line.</param>
/// <param name="MemorySize">Guest RAM in bytes.</param>
/// <param name="Cpus">The number of vCPUs.</param>
/// <param name="Statistics">Whether to print exit counts and allocation per exit to standard error at the end.</param>
internal sealed record MachineOptions(string Kernel, string? Initrd, string CommandLine, ulong MemorySize, int Cpus, bool Statistics)
{
    /// <summary>
    /// The default command line: the console on the 16550, reboot through the keyboard controller (the VMM's reset
    /// line), no PCI (there is no config space: ports 0xCF8/0xCFC float), one 8250 port, and no i8042 probing (there is
    /// no keyboard). <c>panic</c> is left at the kernel's default (wait forever), so a panic is never mistaken for a
    /// requested reboot.
    /// </summary>
    public const string DefaultCommandLine =
        "console=ttyS0 reboot=k pci=off nomodule 8250.nr_uarts=1 i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd";

    /// <summary>The default guest RAM: 256 MiB.</summary>
    public const ulong DefaultMemory = 256UL << 20;
}
