namespace MicroVm.Boot;

/// <summary>
/// Where things go in guest-physical memory. Low memory follows the PC: RAM below 640 KiB (the last KiB of it the
/// MP table's, as the MP spec's "last KiB of base memory"), the legacy hole from 0xA0000, the kernel at 1 MiB as
/// boot.rst loads a bzImage's protected-mode part, the initramfs at the top of RAM.
/// </summary>
internal static class GuestLayout
{
    /// <summary>The GDT of the 64-bit entry: null, null, __BOOT_CS (0x10), __BOOT_DS (0x18).</summary>
    public const ulong Gdt = 0x500;

    /// <summary>The zero page: struct boot_params, 4 KiB (boot.rst "64-bit BOOT PROTOCOL": %rsi points at it).</summary>
    public const ulong ZeroPage = 0x7000;

    /// <summary>The page tables of the identity map: PML4, PDPT, then the page directories.</summary>
    public const ulong Pml4 = 0x9000;

    /// <summary>The command line (boot.rst: anywhere below the kernel, NUL-terminated, within cmdline_size).</summary>
    public const ulong CommandLine = 0x20000;

    /// <summary>The biggest command line this layout has room for: up to the end of the 64 KiB after it.</summary>
    public const int CommandLineRoom = 0x10000;

    /// <summary>The end of conventional RAM: 639 KiB, the last KiB before 640 KiB being the MP table's.</summary>
    public const ulong ConventionalEnd = 0x9FC00;

    /// <summary>The MP floating pointer and configuration table (MP spec 1.4, 4: "the last kilobyte of system base memory").</summary>
    public const ulong MpTable = ConventionalEnd;

    /// <summary>The legacy video and BIOS hole starts here.</summary>
    public const ulong LegacyHole = 0xA0000;

    /// <summary>The ACPI tables, in the BIOS area (ACPI 6.5, 5.2.5.1: the RSDP may be found in 0xE0000-0xFFFFF).</summary>
    public const ulong Acpi = 0xE0000;

    /// <summary>The end of the BIOS area, where extended memory begins.</summary>
    public const ulong HighMemory = 0x100000;

    /// <summary>Where the bzImage's protected-mode kernel loads (boot.rst: 0x100000 for a bzImage).</summary>
    public const ulong Kernel = HighMemory;

    /// <summary>The most RAM this layout gives a guest: everything below the 32-bit MMIO hole (IOAPIC, LAPIC).</summary>
    public const ulong MaxMemory = 0xC0000000;
}
