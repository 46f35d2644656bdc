using MicroVm.Kvm;

namespace MicroVm.Boot;

/// <summary>
/// The guest's memory map as the zero page's e820 table gives it (boot.rst, "e820_table"; the types are the BIOS's
/// INT 15h AX=E820h ones, also in the kernel's arch/x86/include/asm/e820/types.h): RAM up to the MP table, the MP table
/// reserved, the legacy hole left out, the ACPI tables' area reserved, and RAM from 1 MiB to the end.
/// </summary>
internal static class E820Map
{
    /// <summary>E820_TYPE_RAM.</summary>
    public const uint Ram = 1;

    /// <summary>E820_TYPE_RESERVED.</summary>
    public const uint Reserved = 2;

    /// <summary>The entries for a guest of <paramref name="memorySize"/> bytes, in address order.</summary>
    public static BootE820Entry[] For(ulong memorySize)
    {
        if (memorySize <= GuestLayout.HighMemory)
            throw new ArgumentOutOfRangeException(nameof(memorySize), "the kernel loads at 1 MiB: the guest needs more memory than that");
        return
        [
            new BootE820Entry { Addr = 0, Size = GuestLayout.ConventionalEnd, Type = Ram },
            new BootE820Entry { Addr = GuestLayout.MpTable, Size = GuestLayout.LegacyHole - GuestLayout.MpTable, Type = Reserved },
            new BootE820Entry { Addr = GuestLayout.Acpi, Size = GuestLayout.HighMemory - GuestLayout.Acpi, Type = Reserved },
            new BootE820Entry { Addr = GuestLayout.HighMemory, Size = memorySize - GuestLayout.HighMemory, Type = Ram },
        ];
    }
}
